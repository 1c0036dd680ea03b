import Foundation

/// A journal's lines, every segment in order, read a megabyte at a time without loading
/// a segment whole.
public struct JournalLines {
    private let path: String
    private var files: [String]
    private var handle: FileHandle?
    private var carry: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Bytes handed out so far, newlines included: where the next line begins.
    public private(set) var position: Int64 = 0
    /// The segments' size together when they were listed.
    public let size: Int64
    /// 1-based number of the last line handed out.
    public private(set) var lineNumber = 0

    /// Every segment of the journal at `path`.
    public init(path: String) throws(JournalError) {
        try self.init(path: path, segments: JournalSegments.list(of: path))
    }

    /// The given segments, in the order given.
    public init(path: String, segments: [JournalSegments.Segment]) throws(JournalError) {
        guard !segments.isEmpty else { throw JournalError("cannot read journal \(path): no such file") }
        self.path = path
        files = segments.map(\.path)
        size = segments.reduce(0) { $0 + $1.size }
        handle = try Self.open(files.removeFirst())
    }

    private static func open(_ file: String) throws(JournalError) -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw JournalError("cannot read journal \(file)") }
        return handle
    }

    /// The next complete line (without its newline, empty lines skipped) and where the
    /// reading is after it; nil at the end. A line never spans two segments.
    public mutating func next() throws(JournalError) -> (line: [UInt8], position: Int64)? {
        while true {
            if let newline = carry[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(carry[start..<newline])
                position += Int64(newline - start + 1)
                start = newline + 1
                lineNumber += 1
                if line.isEmpty { continue }
                return (line, position)
            }
            guard !atEnd, let current = handle else { return nil }
            carry.removeFirst(start)
            start = 0
            let chunk: Data
            do {
                chunk = try current.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw JournalError("cannot read journal \(path): \(error)")
            }
            if !chunk.isEmpty {
                carry += chunk
            } else if carry.isEmpty, !files.isEmpty {
                try? current.close()
                handle = try Self.open(files.removeFirst())
            } else {
                atEnd = true
            }
        }
    }

    /// Bytes after the last newline, once `next` has returned nil: a write never finished.
    public var partialTailBytes: Int { carry.count - start }

    public func close() { try? handle?.close() }
}
