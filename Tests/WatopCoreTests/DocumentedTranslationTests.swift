import Foundation
import Testing

@testable import WatopCore

/// `docs/history.md` says how each filter field becomes SQL: a field added to the filter and
/// not to that list fails here.
@Suite struct DocumentedTranslationTests {
    @Test func everyFilterFieldHasItsTranslationDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/history.md"), encoding: .utf8)
        let start = try #require(text.range(of: "## How the filter becomes SQL"))
        let section = String(text[start.upperBound...]).components(separatedBy: "\n## ")[0]
        for field in FilterField.allCases {
            let written = field == .price ? "`price>`" : "`\(field.rawValue):`"
            #expect(section.contains(written), "docs/history.md does not say how \(written) becomes SQL")
        }
    }
}
