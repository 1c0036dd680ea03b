import Foundation
import NIOConcurrencyHelpers
import WatopCore

#if canImport(Glibc)
import Glibc
#endif

/// The append-only file of accepted callbacks (`--journal`), one JSON line each, written
/// before the callback is answered 200.
///
/// One thread of its own does all file I/O, so the event loops never block on the disk. It
/// takes every line queued since its last write and writes them at once (group commit): with
/// `--fsync always` one fsync makes the whole group durable before any of them is answered.
public final class Journal: Sendable {
    /// When lines become durable.
    public enum Durability: String, Sendable, CaseIterable {
        /// fsync before answering: an answered callback survives a power cut.
        case always
        /// Written before answering (it survives watop crashing), fsync'd within 200 ms
        /// (a power cut may lose the last fraction of a second).
        case batch
        /// Written before answering; the operating system decides when it reaches the disk.
        case never
    }

    /// What `open` found in an existing journal.
    public struct Opening: Sendable {
        /// Complete lines already in the file.
        public var existingLines: Int
        /// A partial last line (an interrupted write) moved out of the way, and where to.
        public var partialLine: (bytes: Int, movedTo: String)?
    }

    private struct Pending {
        var bytes: [UInt8] = []
        var completions: [(length: Int, completion: @Sendable (Bool) -> Void)] = []
        var positioned: [(index: Int, completion: @Sendable (Int64?) -> Void)] = []
        var closing = false
    }

    /// Writes bytes to a descriptor as `write(2)` does; tests put a failing disk in its place.
    typealias Write = @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int

    public let path: String
    public let durability: Durability
    private let descriptor: Int32
    private let writeBytes: Write
    private let pending = NIOLockedValueBox(Pending())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// The file's size after the last batch written whole; only the journal's thread touches it.
    private nonisolated(unsafe) var intactSize: off_t

    public static let batchSyncInterval = 0.2

    private init(path: String, durability: Durability, descriptor: Int32, intactSize: off_t, write: @escaping Write) {
        self.path = path
        self.durability = durability
        self.descriptor = descriptor
        self.intactSize = intactSize
        writeBytes = write
    }

    /// Opens (or creates) the journal for appending. A partial last line is never merged
    /// with new lines: it is moved to `PATH.partial-<time>` and reported.
    public static func open(path: String, durability: Durability) throws(JournalError) -> (Journal, Opening) {
        try open(path: path, durability: durability, write: { Glibc.write($0, $1, $2) })
    }

    static func open(path: String, durability: Durability, write: @escaping Write) throws(JournalError) -> (Journal, Opening) {
        // 0600: the journal holds whole requests, the app's own headers included.
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalError("cannot open journal \(path): \(String(cString: strerror(errno)))") }
        let opening: Opening
        do {
            opening = try repairTail(descriptor: descriptor, path: path)
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        let journal = Journal(
            path: path, durability: durability, descriptor: descriptor, intactSize: lseek(descriptor, 0, SEEK_END), write: write)
        let thread = Thread { journal.run() }
        thread.name = "watop-journal"
        thread.start()
        return (journal, opening)
    }

    /// Queues `line`; `completion` runs on the journal's thread once the line is written (and
    /// fsync'd with `always`), with false when the write failed.
    public func append(_ line: [UInt8], completion: @escaping @Sendable (Bool) -> Void) {
        let accepted = pending.withLockedValue { pending in
            guard !pending.closing else { return false }
            pending.bytes += line
            pending.completions.append((line.count, completion))
            return true
        }
        if accepted { wake.signal() } else { completion(false) }
    }

    /// As `append`, but `completion` is given the line's offset in the file once it is
    /// written, or nil when it could not be: queue mode delivers the line from there.
    public func append(_ line: [UInt8], positioned completion: @escaping @Sendable (Int64?) -> Void) {
        let accepted = pending.withLockedValue { pending in
            guard !pending.closing else { return false }
            pending.bytes += line
            pending.positioned.append((pending.completions.count, completion))
            pending.completions.append((line.count, { _ in }))
            return true
        }
        if accepted { wake.signal() } else { completion(nil) }
    }

    /// Writes what is queued, makes it durable, and stops the thread.
    public func close() {
        pending.withLockedValue { $0.closing = true }
        wake.signal()
        finished.wait()
    }

    private func run() {
        var unsynced = false
        while true {
            let woke = wake.wait(timeout: .now() + Self.batchSyncInterval) == .success
            let batch = pending.withLockedValue { pending in
                let taken = pending
                pending.bytes = []
                pending.completions = []
                pending.positioned = []
                return taken
            }
            if !batch.completions.isEmpty {
                let start = intactSize
                var written = writeWholeOrNothing(batch.bytes)
                unsynced = true
                if written, durability == .always {
                    written = fsync(descriptor) == 0
                    unsynced = false
                }
                for (_, completion) in batch.completions { completion(written) }
                if !batch.positioned.isEmpty {
                    var offsets: [Int64] = []
                    offsets.reserveCapacity(batch.completions.count)
                    var offset = Int64(start)
                    for (length, _) in batch.completions {
                        offsets.append(offset)
                        offset += Int64(length)
                    }
                    for (index, completion) in batch.positioned { completion(written ? offsets[index] : nil) }
                }
            }
            if unsynced, durability == .batch, !woke || batch.closing {
                fsync(descriptor)
                unsynced = false
            }
            if batch.closing {
                if durability != .never { fsync(descriptor) }
                Glibc.close(descriptor)
                finished.signal()
                return
            }
        }
    }

    /// Appends the batch whole, or leaves the file as it was: a write that fails part-way (a
    /// full disk) is cut back to the last intact line, so the lines written after it, once
    /// space returns, are not glued to a fragment and lost on replay. While the cut itself
    /// fails nothing more is written, and every batch is refused (answered 503).
    private func writeWholeOrNothing(_ bytes: [UInt8]) -> Bool {
        guard lseek(descriptor, 0, SEEK_END) == intactSize || ftruncate(descriptor, intactSize) == 0 else { return false }
        guard writeAll(bytes) else {
            ftruncate(descriptor, intactSize)
            return false
        }
        intactSize += off_t(bytes.count)
        return true
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = writeBytes(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    /// Counts the complete lines and moves a partial last line aside, truncating it away.
    private static func repairTail(descriptor: Int32, path: String) throws(JournalError) -> Opening {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return Opening(existingLines: 0) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError("cannot read journal \(path)")
        }
        let lines = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        guard data.last != UInt8(ascii: "\n") else { return Opening(existingLines: lines) }
        let keep = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let partial = data[keep...]
        let aside = "\(path).partial-\(UnixTime.now().milliseconds)"
        guard FileManager.default.createFile(atPath: aside, contents: Data(partial)),
            ftruncate(descriptor, off_t(keep)) == 0
        else { throw JournalError("journal \(path) ends with a partial line that could not be moved aside") }
        return Opening(existingLines: lines, partialLine: (partial.count, aside))
    }
}

/// A journal that cannot be used, in words for the person who asked for it.
public struct JournalError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
