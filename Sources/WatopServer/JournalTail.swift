#if canImport(Glibc)
import Glibc
#endif

/// Reads a journal's complete lines from an offset on, as they are appended: queue mode's
/// view of the journal. Lines are read only up to `readableEnd`, the end of the last line
/// whose writing has been confirmed, never a line still being written.
struct JournalTail: Sendable {
    private let descriptor: Int32
    /// The offset of the next line to hand out.
    private(set) var offset: Int64
    /// Where confirmed lines end.
    var readableEnd: Int64
    private var buffer: [UInt8] = []
    /// The offset of `buffer`'s first byte.
    private var bufferStart: Int64

    static let chunkBytes = 256 * 1024

    init(path: String, from offset: Int64) throws(JournalError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw JournalError("cannot read journal \(path): \(String(cString: strerror(errno)))") }
        self.offset = offset
        bufferStart = offset
        readableEnd = Int64(lseek(descriptor, 0, SEEK_END))
    }

    /// The next complete, confirmed line (without its newline) and its offset; nil when none yet.
    /// Reads from the page cache, where the line was just written: a chunk at a time, so that
    /// the event loop it runs on is held for microseconds.
    mutating func nextLine() -> (offset: Int64, line: ArraySlice<UInt8>)? {
        while true {
            let start = Int(offset - bufferStart)
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let lineOffset = offset
                offset = bufferStart + Int64(newline) + 1
                return (lineOffset, buffer[start..<newline])
            }
            let end = bufferStart + Int64(buffer.count)
            guard end < readableEnd else { return nil }
            // Drop what was handed out, then read on.
            buffer.removeFirst(start)
            bufferStart = offset
            let wanted = Int(min(Int64(Self.chunkBytes), readableEnd - end))
            let before = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: wanted))
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + before, wanted, off_t(end)) }
            buffer.removeLast(wanted - max(0, count))
            guard count > 0 else { return nil }
        }
    }

    /// Complete lines between `offset` and `readableEnd` not yet handed out: the backlog a
    /// start finds. Counts newlines a chunk at a time, without keeping what it reads.
    func linesAhead() -> Int {
        var lines = 0
        var position = Int64(offset)
        var chunk = [UInt8](repeating: 0, count: Self.chunkBytes)
        while position < readableEnd {
            let wanted = Int(min(Int64(Self.chunkBytes), readableEnd - position))
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(position)) }
            guard count > 0 else { break }
            lines += chunk[..<count].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            position += Int64(count)
        }
        return lines
    }

    func close() { Glibc.close(descriptor) }
}
