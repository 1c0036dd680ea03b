import Foundation
import Testing
@testable import WatopUI

/// Compares a rendered grid with a file of `Golden/`: the screen's text, then the role of each
/// cell as one character, so that a wrong color fails as surely as a wrong word. With
/// `WATOP_RECORD_GOLDEN=1` in the environment the file is (re)written in the source tree
/// instead, for review with `git diff`.
enum GoldenFile {
    /// The character that stands for each role in the roles block: the commonest, `text`, is a
    /// space, so that the block reads as the shape of what is colored.
    static func code(of role: StyleRole) -> Character {
        switch role {
        case .text: " "
        case .muted: "."
        case .header: "h"
        case .headerTitle: "H"
        case .headerURL: "u"
        case .paused: "P"
        case .alert: "A"
        case .border: "b"
        case .borderFocused: "B"
        case .panelTitle: "t"
        case .panelTitleFocused: "T"
        case .tableHeader: "c"
        case .selection: "S"
        case .statusSent: "s"
        case .statusDelivered: "d"
        case .statusRead: "r"
        case .statusFailed: "f"
        case .statusNotSent: "n"
        case .statusOther: "o"
        case .error: "e"
        case .warning: "w"
        case .price: "$"
        case .filterPrompt: "/"
        case .filterText: "q"
        case .filterError: "!"
        case .sparkline: "~"
        case .footer: "F"
        case .footerKey: "k"
        case .overlay: "O"
        case .overlayKey: "K"
        case .detailLabel: "l"
        }
    }

    /// The grid as a golden file holds it: its lines of text, a legend of the roles it uses,
    /// then a line of role characters for each row (trailing `text` cells left out).
    static func text(of grid: Grid) -> String {
        let used = Set(grid.cells.map(\.role))
        let legend = StyleRole.allCases.filter(used.contains).map { "'\(code(of: $0))' \($0.rawValue)" }
        let roles = (0..<grid.height).map { y in
            var line = String((0..<grid.width).map { code(of: grid[$0, y].role) })
            while line.last == " " { line.removeLast() }
            return line
        }
        return (grid.lines + ["", "roles: " + legend.joined(separator: ", ")] + roles).joined(separator: "\n")
    }

    static func check(_ grid: Grid, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = text(of: grid)
        let file = name + ".txt"
        if ProcessInfo.processInfo.environment["WATOP_RECORD_GOLDEN"] == "1" {
            let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            try? (text + "\n").write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden"),
            let expected = try? String(contentsOf: url, encoding: .utf8)
        else {
            Issue.record("no golden file \(file); run the tests with WATOP_RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard expectedLines != actualLines else { return }
        let firstDifference =
            (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] }
            ?? min(expectedLines.count, actualLines.count)
        let part = firstDifference < grid.height ? "text of row \(firstDifference + 1)" : "roles (line \(firstDifference + 1))"
        Issue.record(
            """
            \(file) differs in the \(part):
            expected: \(firstDifference < expectedLines.count ? expectedLines[firstDifference] : "<end>")
            actual:   \(firstDifference < actualLines.count ? actualLines[firstDifference] : "<end>")
            whole file:
            \(text)
            """, sourceLocation: sourceLocation)
    }
}
