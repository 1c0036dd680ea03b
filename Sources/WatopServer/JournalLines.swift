import Foundation

/// A journal's lines, read a megabyte at a time without loading the whole file.
public struct JournalLines {
    private let handle: FileHandle
    private let path: String
    private var carry: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Bytes handed out so far, newlines included: where the next line begins.
    public private(set) var position: Int64 = 0
    /// The file's size when it was opened.
    public let size: Int64
    /// 1-based number of the last line handed out.
    public private(set) var lineNumber = 0

    public init(path: String) throws(JournalError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw JournalError("cannot read journal \(path)") }
        self.handle = handle
        self.path = path
        size = Int64((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
    }

    /// The next complete line (without its newline, empty lines skipped) and where the
    /// reading is after it; nil at the end.
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
            guard !atEnd else { return nil }
            carry.removeFirst(start)
            start = 0
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw JournalError("cannot read journal \(path): \(error)")
            }
            if chunk.isEmpty { atEnd = true } else { carry += chunk }
        }
    }

    /// Bytes after the last newline, once `next` has returned nil: a write never finished.
    public var partialTailBytes: Int { carry.count - start }

    public func close() { try? handle.close() }
}
