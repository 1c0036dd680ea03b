#if canImport(Glibc)
import Glibc
#endif

/// Reads a journal's complete lines from an offset on, as they are appended: queue mode's
/// view of the journal. Lines are read only up to `readableEnd`, the end of the last line
/// whose writing has been confirmed, never a line still being written. Offsets are the
/// journal's as a whole; the tail moves on to the next segment when one is sealed.
public struct JournalTail: Sendable {
    private let path: String
    /// The segment being read: its descriptor (which follows the file when it is sealed and
    /// renamed) and where it starts.
    private var descriptor: Int32
    private var segmentBase: Int64
    /// The offset of the next line to hand out.
    public private(set) var offset: Int64
    /// Where confirmed lines end.
    public var readableEnd: Int64
    private var buffer: [UInt8] = []
    /// The offset of `buffer`'s first byte.
    private var bufferStart: Int64

    static let chunkBytes = 256 * 1024

    /// - Parameter offset: where to start; before the oldest segment kept, at its start.
    public init(path: String, from offset: Int64) throws(JournalError) {
        self.path = path
        let segments = try JournalSegments.list(of: path)
        guard let segment = segments.last(where: { $0.base <= offset }) ?? segments.first else {
            throw JournalError("cannot read journal \(path): it has no segments")
        }
        descriptor = try Self.open(segment.path)
        segmentBase = segment.base
        self.offset = max(offset, segment.base)
        bufferStart = self.offset
        readableEnd = segments.last.map(\.end) ?? 0
    }

    private static func open(_ path: String) throws(JournalError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw JournalError("cannot read journal \(path): \(String(cString: strerror(errno)))") }
        return descriptor
    }

    /// Moves to the segment that begins where the current one ends, once the current one is
    /// sealed (confirmed lines lie beyond its end). The segment being written is opened
    /// before the segments are listed, so a sealing in between is seen, never missed.
    private mutating func moveToNextSegment() -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        let next = segmentBase + Int64(info.st_size)
        guard offset == next, readableEnd > next else { return false }
        let writing = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard let segments = try? JournalSegments.list(of: path),
            let segment = segments.first(where: { $0.base == next })
        else {
            if writing >= 0 { Glibc.close(writing) }
            return false
        }
        let opened: Int32
        if segment.isSealed {
            if writing >= 0 { Glibc.close(writing) }
            opened = Glibc.open(segment.path, O_RDONLY | O_CLOEXEC)
        } else {
            opened = writing
        }
        guard opened >= 0 else { return false }
        Glibc.close(descriptor)
        descriptor = opened
        segmentBase = next
        buffer.removeAll(keepingCapacity: true)
        bufferStart = next
        return true
    }

    /// The next complete, confirmed line (without its newline) and its offset; nil when none yet.
    /// Reads from the page cache, where the line was just written: a chunk at a time, so that
    /// the event loop it runs on is held for microseconds.
    public mutating func nextLine() -> (offset: Int64, line: ArraySlice<UInt8>)? {
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
            let count = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + before, wanted, off_t(end - segmentBase))
            }
            buffer.removeLast(wanted - max(0, count))
            if count <= 0, !moveToNextSegment() { return nil }
        }
    }

    /// Complete lines between `offset` and `readableEnd` not yet handed out: the backlog a
    /// start finds. Counts newlines a chunk at a time, without keeping what it reads.
    public func linesAhead() -> Int {
        guard let segments = try? JournalSegments.list(of: path) else { return 0 }
        var lines = 0
        var chunk = [UInt8](repeating: 0, count: Self.chunkBytes)
        for segment in segments where segment.end > offset && segment.base < readableEnd {
            let descriptor = Glibc.open(segment.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { Glibc.close(descriptor) }
            var position = max(offset, segment.base)
            let end = min(readableEnd, segment.end)
            while position < end {
                let wanted = Int(min(Int64(Self.chunkBytes), end - position))
                let count = chunk.withUnsafeMutableBytes {
                    pread(descriptor, $0.baseAddress, wanted, off_t(position - segment.base))
                }
                guard count > 0 else { break }
                lines += chunk[..<count].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                position += Int64(count)
            }
        }
        return lines
    }

    public func close() { Glibc.close(descriptor) }
}
