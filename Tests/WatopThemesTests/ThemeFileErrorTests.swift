import Foundation
import Testing
import WatopUI
@testable import WatopThemes

@Suite struct ThemeFileErrorTests {
    private func error(_ source: String) -> ThemeFileError? {
        do {
            _ = try ThemeFile.parse(source, file: "my.toml", defaultName: "my")
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorsNameTheFileAndLine() {
        let found = error("name = \"x\"\n[roles]\ntext = { fg = = 1 }\n")
        #expect(found?.line == 3)
        #expect(found?.description.hasPrefix("my.toml:3: ") == true)
    }

    @Test func badColorsNameTheLineAndKey() {
        let found = error("[roles]\ntext = { fg = 1 }\n\"status.failed\" = { fg = \"reddish\" }\n")
        #expect(found?.line == 3)
        #expect(found?.key == "status.failed.fg")
        #expect(found?.description.contains("unknown color reddish") == true || found?.description.contains("reddish") == true)
    }

    @Test(arguments: [
        ("[roles]\nstatus.failled = { fg = 1 }\n", "status.failled"),
        ("[roles]\ntext = { fg = 300 }\n", "text.fg"),
        ("[roles]\ntext = { attrs = [\"blink\"] }\n", "text.attrs"),
        ("[roles]\ntext = \"red\"\n", "text"),
        ("colour = 1\n[roles]\n", "colour"),
    ])
    func everyMistakeNamesItsKey(source: String, key: String) {
        #expect(error(source)?.key == key)
        #expect(error(source)?.line != nil)
    }

    @Test func nestedTablesAreTheSameAsDottedKeys() throws {
        let dotted = try ThemeFile.parse("[roles]\n\"status.read\" = { fg = 2 }\n", file: "a", defaultName: "a").theme
        let nested = try ThemeFile.parse("[roles.status]\nread = { fg = 2 }\n", file: "b", defaultName: "b").theme
        #expect(dotted.style(for: .statusRead) == nested.style(for: .statusRead))
    }

    @Test(arguments: [
        ("#ff0000", UInt8(196)), ("#000000", 16), ("#ffffff", 231), ("#808080", 244), ("#dc322f", 166),
        ("#268bd2", 32), ("red", 1), ("bright-blue", 12), ("42", 42),
    ])
    func colorsMapToThePalette(text: String, index: UInt8) {
        #expect(ThemeColorName.parse(text) == .indexed(index))
    }
}
