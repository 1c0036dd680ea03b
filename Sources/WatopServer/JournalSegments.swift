import Foundation

/// The files one journal is kept in. `PATH` is the segment being written; when it grows past
/// the segment size (and at every start) it is sealed: renamed to `PATH.<offset>`, where the
/// offset, twenty digits, is where its first line sits in the journal as a whole. Offsets run
/// on across segments, so a position in the journal (queue mode's delivered log keeps them)
/// stays valid when segments are sealed or removed.
public enum JournalSegments {
    public struct Segment: Sendable, Equatable {
        /// Where the segment's first line sits in the journal as a whole.
        public var base: Int64
        public var path: String
        public var size: Int64
        public var isSealed: Bool

        public var end: Int64 { base + size }
    }

    static let digits = 20

    public static func sealedPath(of journal: String, base: Int64) -> String {
        let number = String(base)
        return journal + "." + String(repeating: "0", count: max(0, digits - number.count)) + number
    }

    /// The sealed segments, oldest first, then the one being written when it exists (it
    /// starts where the last sealed one ends).
    public static func list(of journal: String) throws(JournalError) -> [Segment] {
        let url = URL(fileURLWithPath: journal)
        let directory = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + "."
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw JournalError("cannot list the journal's directory \(directory): \(error.localizedDescription)")
        }
        var segments: [Segment] = []
        for name in names where name.hasPrefix(prefix) {
            let suffix = name.dropFirst(prefix.count)
            guard suffix.count == digits, suffix.allSatisfy(\.isASCIIDigit), let base = Int64(suffix) else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            segments.append(Segment(base: base, path: path, size: fileSize(path) ?? 0, isSealed: true))
        }
        segments.sort { $0.base < $1.base }
        if let size = fileSize(journal) {
            segments.append(Segment(base: segments.last?.end ?? 0, path: journal, size: size, isSealed: false))
        }
        return segments
    }

    static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
