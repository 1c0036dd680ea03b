import Foundation
import Testing

/// Compares text with a file of `Golden/`. With `WATOP_RECORD_GOLDEN=1` in the environment the
/// file is (re)written in the source tree instead, for review with `git diff`.
enum GoldenFile {
    static func check(_ text: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
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
        Issue.record(
            """
            \(file) differs from line \(firstDifference + 1):
            expected: \(firstDifference < expectedLines.count ? expectedLines[firstDifference] : "<end>")
            actual:   \(firstDifference < actualLines.count ? actualLines[firstDifference] : "<end>")
            whole screen:
            \(text)
            """, sourceLocation: sourceLocation)
    }
}
