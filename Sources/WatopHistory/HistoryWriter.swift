import Foundation
import NIOConcurrencyHelpers
import WatopCore
import WatopServer

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the history database up with the journal: a thread of its own reads the journal's
/// new lines from where the database says it stopped and writes them in batches, one
/// transaction each, with the new position.
///
/// It never touches a request's path: the provider is answered once the line is in the
/// journal, and the database catches up after. A database that can't keep up, or is
/// unreachable, leaves a backlog in the journal, never in memory; it is reported and worked
/// off once the database is back. The thread runs at the lowest priority, so that intake
/// keeps the CPU it needs.
public final class HistoryWriter: Sendable {
    public struct Settings: Sendable {
        /// How much of each request's body is kept.
        public var bodyBytesKept: Int
        public var retention: HistoryRetention
        /// Lines per transaction at most: big enough to spread a transaction's cost, small
        /// enough that a reader never waits long.
        public var linesPerBatch = 5_000

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
    private let receiver: Int64
    private let settings: Settings
    private let clock: @Sendable () -> UnixTime
    private let progressBox = NIOLockedValueBox(HistoryProgress())
    private let stopping = NIOLockedValueBox(false)
    private let finished = DispatchSemaphore(value: 0)

    static let idleWaitSeconds = 0.05
    static let retentionCheckSeconds: Int64 = 60

    /// - Parameter receiver: this watop's name in the database (`--receiver-name`).
    public init(
        database: any HistorySink, source: Source, receiverName: String, settings: Settings,
        clock: @escaping @Sendable () -> UnixTime = { .now() }
    ) throws(HistoryError) {
        self.database = database
        self.source = source
        self.settings = settings
        self.clock = clock
        receiver = try database.receiver(named: receiverName).id
    }

    public var progress: HistoryProgress { progressBox.withLockedValue { $0 } }

    /// Starts following the journal on a thread of its own.
    public func start() {
        let thread = Thread { [self] in
            // On Linux the nice value belongs to a thread, and 0 names the calling one.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            follow(untilCaughtUp: false)
            finished.signal()
        }
        thread.name = "watop-history"
        thread.start()
    }

    /// Writes what the journal holds and returns: `watop store rebuild`, and tests.
    public func catchUp() {
        follow(untilCaughtUp: true)
    }

    /// Writes what is written in the journal by now, then stops the thread.
    public func stop() {
        stopping.withLockedValue { $0 = true }
        finished.wait()
    }

    private var journalPath: String {
        switch source {
        case .journal(let journal): journal.path
        case .file(let path): path
        }
    }

    private func follow(untilCaughtUp: Bool) {
        var tail: JournalTail?
        var backoff = 0.1
        var retentionCheckedAt: UnixTime?
        var bytesPerLine: Int64 = 0
        var linesWritten: Int64 = 0
        var bytesWritten: Int64 = 0
        while true {
            let stop = stopping.withLockedValue { $0 }
            do throws(HistoryError) {
                if tail == nil { tail = try openTail() }
                guard var current = tail else { continue }
                if case .journal(let journal) = source { current.readableEnd = journal.writtenEnd }
                let start = current.offset
                var requests: [JournaledRequest] = []
                var unreadable = 0
                while requests.count < settings.linesPerBatch, let (offset, line) = current.nextLine() {
                    do {
                        requests.append(try JournaledRequest(line: line, at: offset))
                    } catch {
                        unreadable += 1
                    }
                }
                if current.offset > start {
                    try database.write(
                        requests, receiver: receiver, upTo: current.offset, bodyBytesKept: settings.bodyBytesKept, now: clock())
                    linesWritten += Int64(requests.count + unreadable)
                    bytesWritten += current.offset - start
                    bytesPerLine = bytesWritten / max(1, linesWritten)
                }
                tail = current
                let backlog = max(0, current.readableEnd - current.offset)
                let events = requests.reduce(0) { $0 + $1.events.count }
                progressBox.withLockedValue { progress in
                    progress.eventsWritten += events
                    progress.unreadableLines += unreadable
                    progress.backlogBytes = backlog
                    progress.backlogLines = bytesPerLine > 0 ? Int(backlog / bytesPerLine) : 0
                    if current.offset > start { progress.writtenAt = clock() }
                    progress.problem = nil
                }
                backoff = 0.1
                let now = clock()
                if retentionCheckedAt.map({ now.milliseconds - $0.milliseconds >= Self.retentionCheckSeconds * 1000 }) ?? true {
                    retentionCheckedAt = now
                    let expired = try database.enforce(settings.retention, now: now)
                    progressBox.withLockedValue { $0.eventsExpired += expired }
                }
                if current.offset == start {
                    if untilCaughtUp || stop { break }
                    Thread.sleep(forTimeInterval: Self.idleWaitSeconds)
                }
            } catch {
                // The batch is not in the database: read it again from the position it holds.
                tail?.close()
                tail = nil
                progressBox.withLockedValue { $0.problem = error.description }
                if untilCaughtUp || stop { break }
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 5)
            }
        }
        tail?.close()
    }

    /// A reader of the journal from where the database says it holds.
    private func openTail() throws(HistoryError) -> JournalTail {
        let position = try database.journalPosition(of: receiver)
        do {
            return try JournalTail(path: journalPath, from: position)
        } catch {
            throw HistoryError("cannot read the journal \(journalPath) for the history: \(error.description)")
        }
    }
}
