import Foundation

/// A journal path in a directory of its own: its segments, checkpoint and lock sit beside it,
/// and `remove` takes them all away.
enum TemporaryJournal {
    static func path() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("watop-journal-\(UUID())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("journal.jsonl").path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}
