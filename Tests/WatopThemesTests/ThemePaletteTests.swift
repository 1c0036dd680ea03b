import Foundation
import Testing
import WatopUI

@testable import WatopThemes

@Suite struct ThemePaletteTests {
    private func parse(_ source: String) throws(ThemeFileError) -> Theme {
        try ThemeFile.parse(source, file: "my.toml", defaultName: "my").theme
    }

    @Test func rolesTakeTheColorsThePaletteNames() throws {
        let theme = try parse("[palette]\nalarm = 203\nbar = \"#303030\"\n[roles]\n\"status.failed\" = { fg = \"alarm\", bg = \"bar\" }\n")
        #expect(theme.style(for: .statusFailed) == Style(.indexed(203), on: .indexed(236)))
    }

    @Test func aPaletteNameStandsBeforeTheColorOfTheSameName() throws {
        let theme = try parse("[palette]\nred = \"#dc322f\"\n[roles]\ntext = { fg = \"red\" }\nerror = { fg = 1 }\n")
        #expect(theme.style(for: .text).foreground == .indexed(166))
        #expect(theme.style(for: .error).foreground == .indexed(1))
    }

    @Test func aThemeWithoutAPaletteWritesItsColorsDirectly() throws {
        let theme = try parse("[roles]\ntext = { fg = \"red\", bg = 236 }\n")
        #expect(theme.style(for: .text) == Style(.indexed(1), on: .indexed(236)))
    }

    @Test func anUnknownNameListsThePalettesNames() {
        #expect {
            _ = try parse("[palette]\nalarm = 203\n[roles]\ntext = { fg = \"alarn\" }\n")
        } throws: { error in
            let error = error as? ThemeFileError
            return error?.key == "text.fg" && error?.line == 4 && error?.description.contains("[palette] (alarm)") == true
        }
    }

    @Test func aPaletteEntryIsAColorNotAnotherName() {
        #expect {
            _ = try parse("[palette]\nalarm = 203\nalert = \"alarm\"\n[roles]\ntext = { fg = 1 }\n")
        } throws: { error in
            (error as? ThemeFileError)?.key == "palette.alert"
        }
    }

    /// Shipped themes with a palette name every color there: a role writes a palette name, a
    /// color name or `default`, never an index or `#rrggbb` of its own.
    @Test(arguments: ShippedThemeTests.names)
    func shippedRolesReferToThePalette(name: String) throws {
        let source = try String(contentsOfFile: shippedThemes + "/\(name).toml", encoding: .utf8)
        guard let roles = source.range(of: "[roles]"), source.contains("[palette]") else { return }
        let literals = source[roles.upperBound...].matches(of: /(fg|bg) = ([0-9]+|"#[0-9a-fA-F]{6}")/)
        #expect(literals.isEmpty, "\(name) writes \(literals.map { String($0.2) }) in [roles]")
    }
}
