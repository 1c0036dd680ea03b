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
///
/// The journal is kept in segments (see `JournalSegments`): the one being written is sealed
/// when it passes `Settings.segmentBytes`, and at every start, and its tally goes into the
/// checkpoint (see `JournalCheckpoint`). Sealed segments older than the retention are removed,
/// in queue mode only once every line in them has been delivered.
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

    /// How the journal is kept.
    public struct Settings: Sendable {
        public var durability: Durability
        /// The size past which the segment being written is sealed and a new one begun.
        public var segmentBytes: Int64 = 64 << 20
        /// How long sealed segments are kept, counted from their newest line; nil keeps them all.
        public var retentionSeconds: Int64? = 7 * 24 * 3600
        /// Queue mode: a segment is removed only once `delivered(upTo:)` has passed its end.
        public var keepsUndelivered = false

        public init(durability: Durability) { self.durability = durability }
    }

    /// What `open` found in an existing journal.
    public struct Opening: Sendable {
        /// The lines of the last run, sealed into a segment of their own, and where.
        public var sealed: JournalSegments.Segment?
        /// A partial last line (an interrupted write) moved out of the way, and where to.
        public var partialLine: (bytes: Int, movedTo: String)?
        /// Why the checkpoint could not be read (the next resume then reads every segment).
        public var checkpointProblem: String?
    }

    private struct Pending {
        var bytes: [UInt8] = []
        var completions: [(length: Int, completion: @Sendable (Bool) -> Void)] = []
        var positioned: [(index: Int, completion: @Sendable (Int64?) -> Void)] = []
        /// What each line holds, for the segment's tally.
        var counted: [CallbackBatch?] = []
        var closing = false
    }

    /// The segment being written; only the journal's thread touches it.
    private struct Active {
        var descriptor: Int32
        /// Where it starts in the journal as a whole.
        var base: Int64
        /// Its size after the last batch written whole.
        var intactSize: off_t
        var tally = JournalTally()
    }

    /// What the journal's thread shares with starts and queue mode.
    private struct Shared {
        var checkpoint: JournalCheckpoint
        /// Queue mode: every line before this offset has been delivered.
        var deliveredUpTo: Int64 = 0
        /// Where the lines written whole end: readers of the journal go no further.
        var writtenEnd: Int64 = 0
    }

    /// Writes bytes to a descriptor as `write(2)` does; tests put a failing disk in its place.
    typealias Write = @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int

    public let path: String
    public let settings: Settings
    public var durability: Durability { settings.durability }
    private let writeBytes: Write
    private let clock: @Sendable () -> UnixTime
    private let lock: Int32
    private let pending = NIOLockedValueBox(Pending())
    private let shared: NIOLockedValueBox<Shared>
    /// Held while the checkpoint is written; see `updateCheckpoint`.
    private let saving = NIOLock()
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private nonisolated(unsafe) var active: Active

    public static let batchSyncInterval = 0.2
    /// How often the journal's thread looks for segments past their retention.
    static let retentionCheckSeconds: Int64 = 60

    private init(
        path: String, settings: Settings, active: Active, checkpoint: JournalCheckpoint, lock: Int32, write: @escaping Write,
        clock: @escaping @Sendable () -> UnixTime
    ) {
        self.path = path
        self.settings = settings
        self.active = active
        self.lock = lock
        shared = NIOLockedValueBox(Shared(checkpoint: checkpoint, writtenEnd: active.base))
        writeBytes = write
        self.clock = clock
    }

    /// Opens (or creates) the journal for appending. A partial last line is never merged
    /// with new lines: it is moved to `PATH.partial-<time>` and reported. The lines of the last
    /// run are sealed into a segment of their own; new lines go to a fresh `PATH`.
    public static func open(path: String, settings: Settings) throws(JournalError) -> (Journal, Opening) {
        try open(path: path, settings: settings, write: { Glibc.write($0, $1, $2) }, clock: { .now() })
    }

    static func open(
        path: String, settings: Settings, write: @escaping Write, clock: @escaping @Sendable () -> UnixTime = { .now() }
    ) throws(JournalError) -> (Journal, Opening) {
        let lock = try lockJournal(path)
        do throws(JournalError) {
            // 0600: the journal holds whole requests, the app's own headers included.
            var descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw JournalError("cannot open journal \(path): \(String(cString: strerror(errno)))") }
            var opening: Opening
            do {
                opening = try repairTail(descriptor: descriptor, path: path)
            } catch {
                Glibc.close(descriptor)
                throw error
            }
            var segments = try JournalSegments.list(of: path)
            if let last = segments.last, !last.isSealed, last.size > 0 {
                Glibc.close(descriptor)
                descriptor = try seal(last, durable: settings.durability != .never)
                opening.sealed = JournalSegments.Segment(
                    base: last.base, path: JournalSegments.sealedPath(of: path, base: last.base), size: last.size, isSealed: true)
                segments = try JournalSegments.list(of: path)
            }
            var checkpoint = JournalCheckpoint()
            do {
                checkpoint = try JournalCheckpoint.load(journal: path)
            } catch {
                opening.checkpointProblem = error.description
            }
            checkpoint.retireMissing(present: segments)
            let base = segments.last?.base ?? 0
            let journal = Journal(
                path: path, settings: settings, active: Active(descriptor: descriptor, base: base, intactSize: 0),
                checkpoint: checkpoint, lock: lock, write: write, clock: clock)
            let thread = Thread { journal.run() }
            thread.name = "watop-journal"
            thread.start()
            return (journal, opening)
        } catch {
            Glibc.close(lock)
            throw error
        }
    }

    /// One watop per journal: a second one would interleave lines and seal segments under
    /// the first one's feet.
    private static func lockJournal(_ path: String) throws(JournalError) -> Int32 {
        let lockPath = path + ".lock"
        let descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalError("cannot open \(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(descriptor)
            throw JournalError("journal \(path) is in use by another watop (\(lockPath) is locked)")
        }
        return descriptor
    }

    /// Whether a watop has the journal at `path` open.
    public static func isInUse(path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path + ".lock") else { return false }
        do {
            Glibc.close(try lockJournal(path))
            return false
        } catch {
            return true
        }
    }

    /// Renames the segment being written to its sealed name and opens a fresh, empty one in
    /// its place; returns the fresh one's descriptor.
    private static func seal(_ segment: JournalSegments.Segment, durable: Bool) throws(JournalError) -> Int32 {
        let sealedPath = JournalSegments.sealedPath(of: segment.path, base: segment.base)
        guard rename(segment.path, sealedPath) == 0 else {
            throw JournalError("cannot seal journal segment \(segment.path): \(String(cString: strerror(errno)))")
        }
        let descriptor = Glibc.open(segment.path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            rename(sealedPath, segment.path)
            throw JournalError("cannot start a journal segment at \(segment.path): \(reason)")
        }
        if durable { syncDirectory(of: segment.path) }
        return descriptor
    }

    /// Makes renames and new files in the journal's directory survive a power cut.
    private static func syncDirectory(of path: String) {
        let directory = Glibc.open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        fsync(directory)
        Glibc.close(directory)
    }

    /// Queues `line`; `completion` runs on the journal's thread once the line is written (and
    /// fsync'd with `always`), with false when the write failed.
    /// - Parameter batch: what watop read from the request (nil when it could not), counted in
    ///   the segment's tally.
    public func append(_ line: [UInt8], counting batch: CallbackBatch?, completion: @escaping @Sendable (Bool) -> Void) {
        let accepted = pending.withLockedValue { pending in
            guard !pending.closing else { return false }
            pending.bytes += line
            pending.completions.append((line.count, completion))
            pending.counted.append(batch)
            return true
        }
        if accepted { wake.signal() } else { completion(false) }
    }

    /// As `append`, but `completion` is given the line's offset in the journal once it is
    /// written, or nil when it could not be: queue mode delivers the line from there.
    public func append(_ line: [UInt8], counting batch: CallbackBatch?, positioned completion: @escaping @Sendable (Int64?) -> Void) {
        let accepted = pending.withLockedValue { pending in
            guard !pending.closing else { return false }
            pending.bytes += line
            pending.positioned.append((pending.completions.count, completion))
            pending.completions.append((line.count, { _ in }))
            pending.counted.append(batch)
            return true
        }
        if accepted { wake.signal() } else { completion(nil) }
    }

    /// Where the lines written whole end, as an offset in the journal as a whole: a line before
    /// it is in the file, and never cut back by a failed write.
    public var writtenEnd: Int64 { shared.withLockedValue { $0.writtenEnd } }

    /// The checkpoint as it stands: the tally of each sealed segment.
    public var checkpoint: JournalCheckpoint { shared.withLockedValue { $0.checkpoint } }

    /// Records the tally of a sealed segment that a start has just read.
    public func recordTally(_ tally: JournalTally, ofSegmentAt base: Int64) throws(JournalError) {
        try updateCheckpoint { $0.segments[base] = tally }
    }

    /// Changes the checkpoint and saves it. A start (recording tallies it read) and the
    /// journal's thread (sealing, retention) may do so at once: saving one at a time keeps the
    /// file from going back to an older state and its temporary file from being shared.
    private func updateCheckpoint(_ change: (inout JournalCheckpoint) -> Void) throws(JournalError) {
        saving.lock()
        defer { saving.unlock() }
        let checkpoint = shared.withLockedValue { shared in
            change(&shared.checkpoint)
            return shared.checkpoint
        }
        try checkpoint.save(journal: path, durable: durability != .never)
    }

    /// Queue mode: every line before `offset` has been delivered, so the segments before it
    /// may go once past their retention.
    public func delivered(upTo offset: Int64) {
        shared.withLockedValue { $0.deliveredUpTo = max($0.deliveredUpTo, offset) }
    }

    /// Writes what is queued, makes it durable, and stops the thread.
    public func close() {
        pending.withLockedValue { $0.closing = true }
        wake.signal()
        finished.wait()
    }

    private func run() {
        var unsynced = false
        var retentionCheckedAt = clock()
        while true {
            let woke = wake.wait(timeout: .now() + Self.batchSyncInterval) == .success
            let batch = pending.withLockedValue { pending in
                let taken = pending
                pending.bytes = []
                pending.completions = []
                pending.positioned = []
                pending.counted = []
                return taken
            }
            if !batch.completions.isEmpty {
                let start = active.base + Int64(active.intactSize)
                var written = writeWholeOrNothing(batch.bytes)
                unsynced = true
                if written, durability == .always {
                    written = fsync(active.descriptor) == 0
                    unsynced = false
                }
                if written {
                    let end = active.base + Int64(active.intactSize)
                    shared.withLockedValue { $0.writtenEnd = end }
                    let now = clock()
                    for counted in batch.counted { active.tally.add(lineReceivedAt: now, batch: counted) }
                }
                for (_, completion) in batch.completions { completion(written) }
                if !batch.positioned.isEmpty {
                    var offsets: [Int64] = []
                    offsets.reserveCapacity(batch.completions.count)
                    var offset = start
                    for (length, _) in batch.completions {
                        offsets.append(offset)
                        offset += Int64(length)
                    }
                    for (index, completion) in batch.positioned { completion(written ? offsets[index] : nil) }
                }
            }
            if unsynced, durability == .batch, !woke || batch.closing {
                fsync(active.descriptor)
                unsynced = false
            }
            if batch.closing {
                if durability != .never { fsync(active.descriptor) }
                Glibc.close(active.descriptor)
                Glibc.close(lock)
                finished.signal()
                return
            }
            if Int64(active.intactSize) >= settings.segmentBytes {
                rotate()
                unsynced = false
            }
            let now = clock()
            if now.milliseconds - retentionCheckedAt.milliseconds >= Self.retentionCheckSeconds * 1000 {
                retentionCheckedAt = now
                removeExpiredSegments(now: now)
            }
        }
    }

    /// Seals the segment being written, records its tally, and removes what is past retention.
    /// A segment that cannot be sealed (a full directory) is written on, and tried again later.
    private func rotate() {
        let durable = durability != .never
        if durable { fsync(active.descriptor) }
        let segment = JournalSegments.Segment(
            base: active.base, path: path, size: Int64(active.intactSize), isSealed: false)
        guard let fresh = try? Self.seal(segment, durable: durable) else { return }
        Glibc.close(active.descriptor)
        let tally = active.tally
        active = Active(descriptor: fresh, base: segment.end, intactSize: 0)
        try? recordTally(tally, ofSegmentAt: segment.base)
        removeExpiredSegments(now: clock())
    }

    /// Removes sealed segments, oldest first, whose newest line is older than the retention,
    /// whose tally is in the checkpoint, and (queue mode) whose every line is delivered; their
    /// tallies move to the checkpoint's retired total, so the dashboard's totals still count them.
    private func removeExpiredSegments(now: UnixTime) {
        guard let retention = settings.retentionSeconds,
            let segments = try? JournalSegments.list(of: path).filter(\.isSealed)
        else { return }
        let (tallies, deliveredUpTo) = shared.withLockedValue { ($0.checkpoint.segments, $0.deliveredUpTo) }
        var removed: [(base: Int64, tally: JournalTally)] = []
        for segment in segments {
            guard let tally = tallies[segment.base],
                let newest = tally.lastReceived, now.milliseconds - newest.milliseconds >= retention * 1000,
                !settings.keepsUndelivered || segment.end <= deliveredUpTo
            else { break }
            // Removed before the checkpoint says so: a crash in between leaves a tally whose
            // segment is gone, which the next start retires (see `retireMissing`).
            guard unlink(segment.path) == 0 else { break }
            removed.append((segment.base, tally))
        }
        guard !removed.isEmpty else { return }
        try? updateCheckpoint { checkpoint in
            for (base, tally) in removed {
                checkpoint.retired.merge(tally)
                checkpoint.segments[base] = nil
            }
        }
    }

    /// Appends the batch whole, or leaves the file as it was: a write that fails part-way (a
    /// full disk) is cut back to the last intact line, so the lines written after it, once
    /// space returns, are not glued to a fragment and lost on replay. While the cut itself
    /// fails nothing more is written, and every batch is refused (answered 503).
    private func writeWholeOrNothing(_ bytes: [UInt8]) -> Bool {
        let descriptor = active.descriptor
        guard lseek(descriptor, 0, SEEK_END) == active.intactSize || ftruncate(descriptor, active.intactSize) == 0 else {
            return false
        }
        guard writeAll(bytes) else {
            ftruncate(descriptor, active.intactSize)
            return false
        }
        active.intactSize += off_t(bytes.count)
        return true
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = writeBytes(active.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    /// Moves a partial last line aside, truncating it away. Reads only the file's end: a line
    /// is at most the largest body accepted, far less than the segment.
    private static func repairTail(descriptor: Int32, path: String) throws(JournalError) -> Opening {
        let size = Int64(lseek(descriptor, 0, SEEK_END))
        guard size > 0 else { return Opening() }
        var keep: Int64 = 0
        var scanEnd = size
        var tail: [UInt8] = []
        // Backwards a chunk at a time to the last newline.
        while scanEnd > 0 {
            let start = max(0, scanEnd - (1 << 20))
            var chunk = [UInt8](repeating: 0, count: Int(scanEnd - start))
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
            guard count == chunk.count else { throw JournalError("cannot read journal \(path)") }
            if let newline = chunk.lastIndex(of: UInt8(ascii: "\n")) {
                keep = start + Int64(newline) + 1
                tail = Array(chunk[(newline + 1)...]) + tail
                break
            }
            tail = chunk + tail
            scanEnd = start
        }
        guard keep < size else { return Opening() }
        let aside = "\(path).partial-\(UnixTime.now().milliseconds)"
        guard FileManager.default.createFile(atPath: aside, contents: Data(tail), attributes: [.posixPermissions: 0o600]),
            ftruncate(descriptor, off_t(keep)) == 0
        else { throw JournalError("journal \(path) ends with a partial line that could not be moved aside") }
        return Opening(partialLine: (tail.count, aside))
    }
}

/// A journal that cannot be used, in words for the person who asked for it.
public struct JournalError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
