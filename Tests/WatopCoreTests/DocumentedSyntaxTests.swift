import Foundation
import Testing
import WatopCore

/// README's filter table is the filter's own list of examples, row for row: a term added to
/// the code and not to the README (or the other way round) fails here.
@Suite struct DocumentedSyntaxTests {
    private func readme() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// How README writes an entry: each example in backticks, `|` escaped for the table.
    private func row(_ entry: (example: String, meaning: String)) -> String {
        let examples = entry.example.components(separatedBy: "  ").map { "`\($0)`" }.joined(separator: " ")
        let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        return "| \(escape(examples)) | \(escape(entry.meaning)) |"
    }

    @Test func readmesFilterTableIsTheFiltersSyntax() throws {
        let lines = try readme().components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "| term | matches |"))
        let rows = lines[(header + 2)...].prefix { $0.hasPrefix("|") }
        #expect(Array(rows) == EventFilter.syntax.map(row))
    }
}
