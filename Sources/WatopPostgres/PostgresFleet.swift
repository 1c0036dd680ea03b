import Foundation
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import WatopCore
import WatopHistory

/// `watop attach`: every event the fleet's receivers wrote, read from the shared tables into
/// one `EventStore`, whose panels then count the whole fleet as they count one receiver's
/// intake: exact totals, kept up event by event, and lifecycles joined whichever receiver took
/// each callback.
///
/// Each receiver's rows are read by its own cursor, its journal position: a receiver commits
/// its batches one after another with the position in the same transaction, so every row
/// before the position it has committed is there, whatever order other receivers' rows commit
/// in (an identity column across receivers would skip rows committed late). A NOTIFY from a
/// writer wakes the reader; a read every second covers a notification lost with a connection.
public final class PostgresFleet: Sendable {
    private let session: PostgresSession
    private let statusBox = NIOLockedValueBox(FleetStatus())
    private let stopping = NIOLockedValueBox(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Rows read per query: a page the database sends within the call's time limit.
    static let pageRows = 20_000
    static let pollSeconds = 1.0

    public init(location: PostgresLocation, password: String?) throws(HistoryError) {
        let wake = wake
        session = try PostgresSession(location: location, password: password) { connection, logger in
            try await PostgresSchema.check(on: connection, logger: logger)
            // A writer's NOTIFY wakes the reader at once; the task ends with the connection.
            Task {
                try await connection.listen(on: PostgresHistory.channel) { notifications in
                    for try await _ in notifications { wake.signal() }
                }
            }
        }
    }

    public var location: PostgresLocation { session.location }

    public var status: FleetStatus { statusBox.withLockedValue { $0 } }

    /// Checks that the database holds a fleet's tables of a version this watop reads.
    public func check() throws(HistoryError) {
        _ = try session.run { _ in }
    }

    /// Reads the tables into `store` on a thread of its own, then follows them until `stop`.
    public func start(into store: EventStore) {
        let thread = Thread { [self] in
            follow(into: store)
            finished.signal()
        }
        thread.name = "watop-attach"
        thread.start()
    }

    public func stop() {
        stopping.withLockedValue { $0 = true }
        wake.signal()
        finished.wait()
        session.close()
    }

    private struct ReceiverRow: Sendable {
        var id: Int64
        var name: String
        var journalPosition: Int64
        var writtenMilliseconds: Int64?
    }

    private struct Cursor {
        /// Every row before this journal position has been read.
        var position: Int64 = 0
        /// Within a page: the last row read, past which the next page starts.
        var last: (position: Int64, part: Int64)?
        /// When the events of the last minute were read, for the receiver's rate.
        var recent: [(time: UnixTime, events: Int)] = []
    }

    private func follow(into store: EventStore) {
        var cursors: [Int64: Cursor] = [:]
        var backoff = 0.5
        while !stopping.withLockedValue({ $0 }) {
            do throws(HistoryError) {
                let receivers = try readReceivers()
                for receiver in receivers {
                    var cursor = cursors[receiver.id] ?? Cursor()
                    var read = 0
                    while cursor.position < receiver.journalPosition, !stopping.withLockedValue({ $0 }) {
                        let events = try page(of: receiver, after: cursor)
                        for (position, part, event) in events {
                            store.restore(CallbackBatch(format: event.format, events: CallbackEvents(event)))
                            cursor.last = (position, part)
                        }
                        read += events.count
                        statusBox.withLockedValue { $0.eventsRead += events.count }
                        if events.count < Self.pageRows {
                            cursor.position = receiver.journalPosition
                            cursor.last = nil
                        }
                    }
                    let now = UnixTime.now()
                    cursor.recent.append((now, read))
                    cursor.recent.removeAll { now.milliseconds - $0.time.milliseconds > 60_000 }
                    cursors[receiver.id] = cursor
                }
                statusBox.withLockedValue { status in
                    status.receivers = receivers.map { receiver in
                        let recent = cursors[receiver.id]?.recent ?? []
                        return FleetStatus.Receiver(
                            name: receiver.name, eventsPerSecond: Double(recent.reduce(0) { $0 + $1.events }) / 60,
                            lastWrittenAt: receiver.writtenMilliseconds.map { UnixTime(milliseconds: $0) })
                    }
                    status.unreachableSince = nil
                    status.problem = nil
                    status.loaded = true
                }
                backoff = 0.5
                _ = wake.wait(timeout: .now() + Self.pollSeconds)
            } catch {
                statusBox.withLockedValue { status in
                    status.unreachableSince = status.unreachableSince ?? .now()
                    status.problem = error.description
                }
                _ = wake.wait(timeout: .now() + backoff)
                backoff = min(backoff * 2, 5)
            }
        }
    }

    private func readReceivers() throws(HistoryError) -> [ReceiverRow] {
        try session.run { [logger = session.logger] connection in
            var receivers: [ReceiverRow] = []
            let rows = try await connection.query(
                "SELECT receiver, name, journal_position, written_ms FROM receivers ORDER BY name", logger: logger)
            for try await (id, name, position, written) in rows.decode((Int64, String, Int64, Int64?).self) {
                receivers.append(ReceiverRow(id: id, name: name, journalPosition: position, writtenMilliseconds: written))
            }
            return receivers
        }
    }

    private static let columns = "position, part, " + PostgresEventRows.eventColumns

    /// The receiver's next rows after the cursor, before its committed position, in journal order.
    private func page(of receiver: ReceiverRow, after cursor: Cursor) throws(HistoryError) -> [(Int64, Int64, CallbackEvent)] {
        let (afterPosition, afterPart) = cursor.last ?? (cursor.position, -1)
        let id = receiver.id
        let end = receiver.journalPosition
        return try session.run { [logger = session.logger] connection in
            let query = PostgresQuery(
                unsafeSQL: """
                    SELECT \(Self.columns) FROM events
                    WHERE receiver = $1 AND (position, part) > ($2, $3) AND position < $4
                    ORDER BY position, part LIMIT \(Self.pageRows)
                    """,
                binds: PostgresEventRows.bindings([.integer(id), .integer(afterPosition), .integer(afterPart), .integer(end)]))
            var events: [(Int64, Int64, CallbackEvent)] = []
            for try await row in try await connection.query(query, logger: logger) {
                let cells = row.makeRandomAccess()
                let position = try cells[0].decode(Int64.self)
                let part = try cells[1].decode(Int64.self)
                events.append((position, part, try PostgresEventRows.event(in: cells, from: 2)))
            }
            return events
        }
    }
}
