import Foundation
import Testing
import WatopUI
@testable import WatopThemes

/// The repository's `themes/` folder, found from this file's own path.
let shippedThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("themes").path

@Suite struct ShippedThemeTests {
    static let names = ["default", "light", "solarized-dark", "high-contrast", "mono"]

    @Test(arguments: names)
    func everyShippedThemeLoadsAndStylesEveryRole(name: String) throws {
        let path = shippedThemes + "/\(name).toml"
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let parsed = try ThemeFile.parse(source, file: path, defaultName: name)
        #expect(parsed.theme.name == name)
        #expect(parsed.description != nil)
        for role in StyleRole.allCases {
            #expect(source.contains("\"\(role.rawValue)\""), "\(name) leaves out \(role.rawValue)")
        }
    }

    @Test func theDefaultFileIsExactlyTheCompiledInDefault() throws {
        let path = shippedThemes + "/default.toml"
        let theme = try ThemeFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, defaultName: "x").theme
        for role in StyleRole.allCases {
            #expect(theme.style(for: role) == Theme.standard.style(for: role), "\(role.rawValue) differs")
        }
    }

    @Test func theLibraryListsBuiltInsInOrderAndLetsUserThemesReplaceThem() throws {
        let user = FileManager.default.temporaryDirectory.appendingPathComponent("watop-themes-\(UUID())")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: user) }
        try "[roles]\ntext = { fg = \"red\" }\n".write(
            to: user.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try "[roles]\ntext = { fg = \"nope\" }\n".write(
            to: user.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let library = ThemeLibrary(builtInDirectory: shippedThemes, userDirectory: user.path)
        #expect(library.entries.map(\.name) == ["default", "solarized-dark", "high-contrast", "mono", "broken", "light"])
        #expect(library.usableThemes.map(\.name) == ["default", "solarized-dark", "high-contrast", "mono", "light"])
        #expect(try library.theme(named: "light").style(for: .text).foreground == .indexed(1))
        #expect(throws: ThemeLookupError.self) { try library.theme(named: "broken") }
        #expect(throws: ThemeLookupError.self) { try library.theme(named: "nonexistent") }
    }

    @Test func withoutShippedFilesTheCompiledInDefaultRemains() {
        let library = ThemeLibrary(builtInDirectory: nil, userDirectory: "/nonexistent")
        #expect(library.usableThemes.map(\.name) == ["default"])
    }

    @Test func highContrastHeaderIsBlackOnWhite() throws {
        let path = shippedThemes + "/high-contrast.toml"
        let theme = try ThemeFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, defaultName: "x").theme
        #expect(theme.style(for: .header) == Style(.indexed(16), on: .indexed(231), [.bold]))
        #expect(theme.style(for: .selection) == Style(.indexed(16), on: .indexed(11), [.bold]))
    }
}
