import Foundation
import Testing
import WatopUI

/// README's keys table and `docs/keys.md` are `KeyTable`, row for row: a key bound in the code
/// and not in the docs (or the other way round) fails here.
@Suite struct DocumentedKeysTests {
    /// The heading of each mode's table in `docs/keys.md`.
    private static let headings: [InputMode: String] = [
        .dashboard: "## The dashboard", .filterPrompt: "## The filter prompt", .detail: "## The detail view",
        .rejections: "## The rejected requests", .notices: "## The notices", .alerts: "## The alert rules",
        .stuck: "## The stuck messages", .latency: "## The delivery latency", .breakdown: "## The breakdown",
        .history: "## The history", .storedDetail: "## A stored event",
        .confirm: "## A yes or no question", .help: "## The help",
    ]

    private func text(of file: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
    }

    /// How the docs write a binding: each key in backticks, then what it does.
    private func row(_ binding: KeyBinding) -> String {
        let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
        return "| \(keys) | \(binding.summary.replacingOccurrences(of: "|", with: "\\|")) |"
    }

    private func rows(_ mode: InputMode) -> [String] {
        KeyTable.bindings.filter { $0.modes.contains(mode) }.map(row)
    }

    /// The rows of the first table at or after line `start`.
    private func table(in lines: [String], from start: Int) throws -> [String] {
        let header = try #require(lines[start...].firstIndex { $0.hasPrefix("| key |") })
        return Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
    }

    @Test func readmesKeysTableIsTheDashboardsBindings() throws {
        let lines = try text(of: "README.md")
        let section = try #require(lines.firstIndex(of: "## Keys"))
        #expect(try table(in: lines, from: section) == rows(.dashboard))
    }

    @Test func keysPageHasEveryModesBindings() throws {
        let lines = try text(of: "docs/keys.md")
        for mode in InputMode.allCases {
            let heading = try #require(Self.headings[mode])
            let section = try #require(lines.firstIndex(of: heading), "docs/keys.md lacks \(heading)")
            #expect(try table(in: lines, from: section) == rows(mode), "\(heading)")
        }
    }
}
