import Foundation
import NIOConcurrencyHelpers
import WatopCore
import WatopServer

/// Keeps the history database up with the journal: a thread of its own reads the journal's
/// new lines from where the database says it stopped and writes them in batches, one
/// transaction each, with the new position.
///
/// It never touches a request's path: the provider is answered once the line is in the
/// journal, and the database catches up after. A database that can't keep up, or is
/// unreachable, leaves a backlog in the journal, never in memory; it is reported and worked
/// off once the database is back. The thread runs at the lowest priority, so that intake
/// keeps the CPU it needs.
///
/// It also keeps where forwarded requests stand (`ForwardOutcomeSink`): those come from the
/// forwarding, not the journal, so they wait in memory, bounded, until the next write.
public final class HistoryWriter: ForwardOutcomeSink {
    public struct Settings: Sendable {
        /// How much of each request's body is kept.
        public var bodyBytesKept: Int
        public var retention: HistoryRetention
        /// Lines read and parsed at a time: the memory a batch takes stays small.
        public var linesPerBatch = 5_000
        /// Lines per transaction at most, while batches follow one another without a pause (a
        /// backlog, a rebuild): a commit writes out every page the transaction touched, and
        /// the message-id index takes rows all over its pages, so fewer commits write each of
        /// them fewer times. Small enough that readers see new rows soon.
        public var linesPerTransaction = 50_000

        public init(bodyBytesKept: Int, retention: HistoryRetention) {
            self.bodyBytesKept = bodyBytesKept
            self.retention = retention
        }
    }

    /// Where the lines come from: a running journal (which says where its written lines end),
    /// or a journal file on its own (`watop store rebuild`), read to its end.
    public enum Source: Sendable {
        case journal(Journal)
        case file(String)
    }

    private let database: any HistorySink
    private let source: Source
    private let receiverName: String
    /// The receiver's number in the database, once the database has been reached.
    private let receiverID = NIOLockedValueBox<Int64?>(nil)
    private let settings: Settings
    private let clock: @Sendable () -> UnixTime
    private let progressBox = NIOLockedValueBox(HistoryProgress())
    /// Where the lines in the database end: the backlog counts from here, not from what has
    /// been read, so that a batch still being written is part of it.
    private let writtenEnd = NIOLockedValueBox<Int64>(0)
    /// What the writes since the last commit hold: written once the commit is.
    private let uncommitted = NIOLockedValueBox(Uncommitted())
    private let stopping = NIOLockedValueBox(false)
    /// Forward outcomes not yet written, by journal position: a later attempt replaces an earlier.
    private let outcomes = NIOLockedValueBox<[Int64: ForwardOutcome]>([:])
    /// Outcomes waiting at most: past it, a request's first outcome is not kept (its later
    /// ones still are).
    static let outcomesWaitingAtMost = 100_000
    private let finished = DispatchSemaphore(value: 0)

    static let idleWaitSeconds = 0.05
    static let retentionCheckSeconds: Int64 = 60

    /// - Parameter receiverName: this watop's name in the database (`--receiver-name`).
    public init(
        database: any HistorySink, source: Source, receiverName: String, settings: Settings,
        clock: @escaping @Sendable () -> UnixTime = { .now() }
    ) {
        self.database = database
        self.source = source
        self.receiverName = receiverName
        self.settings = settings
        self.clock = clock
    }

    /// The receiver's number, asked of the database the first time: a database that is down
    /// at start is reached by the writer's retries, as one that goes down later.
    private func receiver() throws(HistoryError) -> Int64 {
        if let id = receiverID.withLockedValue({ $0 }) { return id }
        let id = try database.receiver(named: receiverName).id
        receiverID.withLockedValue { $0 = id }
        return id
    }

    public var progress: HistoryProgress { progressBox.withLockedValue { $0 } }

    public func settled(_ outcome: ForwardOutcome) {
        outcomes.withLockedValue { waiting in
            if let earlier = waiting[outcome.journalPosition] {
                if outcome.replaces(earlier) { waiting[outcome.journalPosition] = outcome }
            } else if waiting.count < Self.outcomesWaitingAtMost {
                waiting[outcome.journalPosition] = outcome
            }
        }
    }

    /// Writes the forward outcomes waiting; when the write fails or is skipped, they wait again
    /// (unless a later one of the same request came meanwhile).
    private func submitOutcomes(to writes: PipelinedWrite, receiver: Int64) {
        let taken = outcomes.withLockedValue { waiting in
            defer { waiting = [:] }
            return Array(waiting.values)
        }
        guard !taken.isEmpty else { return }
        let wait: @Sendable () -> Void = { [outcomes] in
            outcomes.withLockedValue { waiting in
                for outcome in taken {
                    guard let newer = waiting[outcome.journalPosition] else {
                        waiting[outcome.journalPosition] = outcome
                        continue
                    }
                    if !newer.replaces(outcome) { waiting[outcome.journalPosition] = outcome }
                }
            }
        }
        writes.submit(
            { [database] () throws(HistoryError) in
                do throws(HistoryError) {
                    try database.write(taken, receiver: receiver)
                } catch {
                    wait()
                    throw error
                }
            }, skipped: wait)
    }

    /// Starts following the journal on a thread of its own.
    public func start() {
        // Until the thread has asked the database how far it holds, the whole journal counts as
        // behind: a backlog of 0 then would tell a reader of /metrics that a catch-up is done.
        if case .journal(let journal) = source { progressBox.withLockedValue { $0.backlogBytes = journal.writtenEnd } }
        let thread = Thread { [self] in
            ThreadPriority.lowerThisThread()
            follow(untilCaughtUp: false, lowPriority: true)
            finished.signal()
        }
        thread.name = "watop-history"
        thread.start()
    }

    /// Writes what the journal holds and returns: `watop store rebuild`, and tests.
    public func catchUp() {
        follow(untilCaughtUp: true, lowPriority: false)
    }

    /// Writes what is written in the journal by now, then stops the thread.
    public func stop() {
        stopping.withLockedValue { $0 = true }
        finished.wait()
        database.close()
    }

    private var journalPath: String {
        switch source {
        case .journal(let journal): journal.path
        case .file(let path): path
        }
    }

    private func follow(untilCaughtUp: Bool, lowPriority: Bool) {
        let writes = PipelinedWrite(lowPriority: lowPriority)
        var tail: JournalTail?
        var backoff = 0.1
        var retentionCheckedAt: UnixTime?
        var sizes = LineSizes()
        var failuresWhileStopping = 0
        // Lines in the transaction left open for the next batch.
        var linesOpen = 0
        while true {
            let stop = stopping.withLockedValue { $0 }
            do throws(HistoryError) {
                if tail == nil {
                    writes.waitUntilIdle()
                    // A failure rolled back what was open; it is read again from the database's position.
                    linesOpen = 0
                    uncommitted.withLockedValue { $0 = Uncommitted() }
                    tail = try openTail()
                }
                guard var current = tail else { continue }
                if case .journal(let journal) = source { current.readableEnd = journal.writtenEnd }
                let start = current.offset
                let (requests, unreadable) = readBatch(&current, inParallel: !lowPriority)
                // Lines after a batch that failed are read again with it, from the database's position.
                if let failure = writes.takeFailure() { throw failure }
                if current.offset > start {
                    let lines = requests.count + unreadable
                    sizes.add(lines: lines, bytes: current.offset - start)
                    // A full batch says more lines are waiting.
                    linesOpen += lines
                    let moreReady = lines == settings.linesPerBatch && linesOpen < settings.linesPerTransaction && !stop
                    if !moreReady { linesOpen = 0 }
                    try write(requests, unreadable: unreadable, upTo: current.offset, moreReady: moreReady, with: writes)
                } else if linesOpen > 0 {
                    // The journal ended right after a full batch.
                    linesOpen = 0
                    try write([], unreadable: 0, upTo: current.offset, moreReady: false, with: writes)
                }
                // Forward outcomes and retention wait for the open transaction to be committed:
                // a write of theirs would commit it early.
                if linesOpen == 0, let receiver = receiverID.withLockedValue({ $0 }) {
                    submitOutcomes(to: writes, receiver: receiver)
                }
                tail = current
                updateBacklog(readableEnd: current.readableEnd, sizes: sizes)
                backoff = 0.1
                let now = clock()
                if linesOpen == 0,
                    retentionCheckedAt.map({ now.milliseconds - $0.milliseconds >= Self.retentionCheckSeconds * 1000 }) ?? true
                {
                    retentionCheckedAt = now
                    writes.submit { [self] () throws(HistoryError) in
                        let expired = try database.enforce(settings.retention, now: now)
                        progressBox.withLockedValue { $0.eventsExpired += expired }
                    }
                }
                if current.offset == start {
                    if untilCaughtUp || stop {
                        writes.waitUntilIdle()
                        if let failure = writes.takeFailure() { throw failure }
                        break
                    }
                    Thread.sleep(forTimeInterval: Self.idleWaitSeconds)
                }
            } catch {
                tail?.close()
                tail = nil
                progressBox.withLockedValue { $0.problem = error.description }
                if untilCaughtUp { break }
                // A stop tries once more at once: the failure may be of a batch written before
                // the database came back. A second failure leaves the rest to the journal.
                if stop {
                    failuresWhileStopping += 1
                    if failuresWhileStopping > 1 { break }
                    continue
                }
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 5)
            }
        }
        writes.waitUntilIdle()
        if let tail { updateBacklog(readableEnd: tail.readableEnd, sizes: sizes) }
        tail?.close()
    }

    /// Queues the write of a batch; once committed, its lines count as written.
    private func write(
        _ requests: [JournaledRequest], unreadable: Int, upTo end: Int64, moreReady: Bool, with writes: PipelinedWrite
    ) throws(HistoryError) {
        let receiver = try receiver()
        writes.submit { [self] () throws(HistoryError) in
            try database.write(
                requests, receiver: receiver, upTo: end, bodyBytesKept: settings.bodyBytesKept, now: clock(),
                moreReady: moreReady)
            let events = requests.reduce(0) { $0 + $1.events.count }
            let committed = uncommitted.withLockedValue { open -> Uncommitted? in
                open.events += events
                open.unreadableLines += unreadable
                guard !moreReady else { return nil }
                defer { open = Uncommitted() }
                return open
            }
            guard let committed else { return }
            writtenEnd.withLockedValue { $0 = end }
            progressBox.withLockedValue { progress in
                progress.eventsWritten += committed.events
                progress.unreadableLines += committed.unreadableLines
                progress.writtenAt = clock()
                progress.problem = nil
            }
        }
    }

    private func updateBacklog(readableEnd: Int64, sizes: LineSizes) {
        let backlog = max(0, readableEnd - writtenEnd.withLockedValue { $0 })
        progressBox.withLockedValue { progress in
            progress.backlogBytes = backlog
            progress.backlogLines = sizes.lines(in: backlog)
        }
    }

    /// Reads and parses up to a batch of lines; lines that can't be read back are counted.
    /// - Parameter inParallel: parse on every core (a rebuild, which has the machine to itself);
    ///   a running watop parses on its own low-priority thread, leaving the cores to intake.
    private func readBatch(_ tail: inout JournalTail, inParallel: Bool) -> (requests: [JournaledRequest], unreadable: Int) {
        var lines: [(offset: Int64, line: ArraySlice<UInt8>)] = []
        while lines.count < settings.linesPerBatch, let line = tail.nextLine() { lines.append(line) }
        let parsed = Self.parse(lines, inParallel: inParallel)
        let requests = parsed.compactMap { $0 }
        return (requests, parsed.count - requests.count)
    }

    /// Each line's request, nil for a line that can't be read back; in order.
    private static func parse(_ lines: [(offset: Int64, line: ArraySlice<UInt8>)], inParallel: Bool) -> [JournaledRequest?] {
        guard inParallel, lines.count > 1 else { return lines.map { try? JournaledRequest(line: $0.line, at: $0.offset) } }
        let parts = ProcessInfo.processInfo.activeProcessorCount
        let results = NIOLockedValueBox([[JournaledRequest?]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (lines.count * part / parts)..<(lines.count * (part + 1) / parts)
            let slice = lines[range].map { try? JournaledRequest(line: $0.line, at: $0.offset) }
            results.withLockedValue { $0[part] = slice }
        }
        return results.withLockedValue { $0.flatMap { $0 } }
    }

    /// A reader of the journal from where the database says it holds.
    private func openTail() throws(HistoryError) -> JournalTail {
        let position = try database.journalPosition(of: try receiver())
        writtenEnd.withLockedValue { $0 = position }
        do {
            return try JournalTail(path: journalPath, from: position)
        } catch {
            throw HistoryError("cannot read the journal \(journalPath) for the history: \(error.description)")
        }
    }
}

/// The events and unreadable lines of the writes in a transaction not yet committed.
private struct Uncommitted {
    var events = 0
    var unreadableLines = 0
}

/// The journal's bytes per line so far: the backlog in lines, from its size in bytes.
private struct LineSizes {
    private var lines: Int64 = 0
    private var bytes: Int64 = 0

    mutating func add(lines: Int, bytes: Int64) {
        self.lines += Int64(lines)
        self.bytes += bytes
    }

    func lines(in backlog: Int64) -> Int {
        guard lines > 0, bytes > 0 else { return 0 }
        return Int(backlog * lines / bytes)
    }
}
