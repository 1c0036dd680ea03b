import Logging
import PostgresNIO
import WatopCore
import WatopHistory

/// The history in PostgreSQL (`--store postgres://…`): the tables every receiver of a fleet
/// writes into, each row under its receiver's number.
///
/// The writer's thread calls in and waits: one connection, made again after any failure, so
/// that a database that went away is found again by the writer's retries (with backoff) and
/// the journal's backlog is worked off. Each batch goes in by COPY, straight into the tables
/// when they hold none of its lines, else into temporary tables of the connection and from
/// there with `ON CONFLICT DO NOTHING` (a line written twice leaves one row), with the
/// receiver's journal position and one NOTIFY, in one transaction.
public final class PostgresHistory: HistorySink {
    public var location: PostgresLocation { session.location }
    private let session: PostgresSession
    var logger: Logger { session.logger }

    /// The channel each batch notifies, with the receiver's number as the payload.
    public static let channel = "watop_events"
    /// The advisory lock under which the schema is created or migrated: two receivers starting
    /// at once must not both create the tables.
    static let schemaLock: Int64 = 0x7761_746F_7000_0001

    /// Reads the connection's settings; connects at the first call.
    /// - Parameter searching: only to search (`watop history`): the tables are checked, never
    ///   created or brought up to date.
    public init(location: PostgresLocation, password: String?, searching: Bool = false) throws(HistoryError) {
        session = try PostgresSession(
            location: location, password: password, prepare: searching ? PostgresSchema.check : PostgresSchema.prepare)
    }

    /// Connects and creates or checks the schema: a database of a newer watop is refused.
    public func prepare() throws(HistoryError) {
        _ = try withConnection { _ in }
    }

    public func receiver(named name: String) throws(HistoryError) -> (id: Int64, journalPosition: Int64) {
        try withConnection { connection in
            try await connection.query("INSERT INTO receivers (name) VALUES (\(name)) ON CONFLICT (name) DO NOTHING", logger: self.logger)
            let rows = try await connection.query(
                "SELECT receiver, journal_position FROM receivers WHERE name = \(name)", logger: self.logger
            ).collect()
            guard let row = rows.first else { throw HistoryError("receiver \(name) was not added to \(self.location)") }
            let (id, position) = try row.decode((Int64, Int64).self)
            return (id, position)
        }
    }

    public func journalPosition(of receiver: Int64) throws(HistoryError) -> Int64 {
        try withConnection { connection in
            let rows = try await connection.query(
                "SELECT journal_position FROM receivers WHERE receiver = \(receiver)", logger: self.logger
            ).collect()
            return try rows.first?.decode(Int64.self) ?? 0
        }
    }

    /// Each batch is committed whether more are ready or not: PostgreSQL keeps the pages a batch
    /// touches in its own buffers, where SQLite writes each of them out at every commit.
    public func write(
        _ requests: [JournaledRequest], receiver: Int64, upTo journalPosition: Int64, bodyBytesKept: Int, now: UnixTime,
        moreReady: Bool
    ) throws(HistoryError) {
        var requestRows = CopyRows()
        var eventRows = CopyRows()
        for request in requests {
            Self.append(request, receiver: receiver, bodyBytesKept: bodyBytesKept, to: &requestRows)
            for part in request.events.indices {
                eventRows.integer(receiver)
                eventRows.integer(request.position)
                eventRows.integer(Int64(part))
                HistoryRecord.lendCells(of: request.events[part]) { eventRows.cell($0) }
                eventRows.endRow()
            }
        }
        let requestData = requestRows.buffer
        let eventData = eventRows.buffer
        let positions = requests.first.map { ($0.position, requests[requests.count - 1].position) }
        try withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            do {
                if let (first, last) = positions {
                    let written = try await Self.holdsRows(of: receiver, from: first, to: last, on: connection, logger: self.logger)
                    try await Self.copy(requestData, eventData, direct: !written, on: connection, logger: self.logger)
                }
                try await connection.query(
                    """
                    UPDATE receivers SET journal_position = \(journalPosition), written_ms = \(now.milliseconds)
                    WHERE receiver = \(receiver)
                    """, logger: self.logger)
                try await connection.query(PostgresQuery(unsafeSQL: "NOTIFY \(Self.channel), '\(receiver)'"), logger: self.logger)
                try await connection.query("COMMIT", logger: self.logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    /// One statement for the whole list: the outcomes go as arrays, unnested into rows.
    public func write(_ outcomes: [ForwardOutcome], receiver: Int64) throws(HistoryError) {
        let positions = outcomes.map(\.journalPosition)
        let states = outcomes.map(\.state.name)
        // Arrays of optionals are not encoded: no status is 0, no failure empty, both read back as NULL.
        let statuses = outcomes.map { Int64($0.status ?? 0) }
        let failures = outcomes.map { $0.failure ?? "" }
        let attempts = outcomes.map { Int64($0.attempts) }
        let latencies = outcomes.map(\.latencyMicroseconds)
        let attempted = outcomes.map(\.attemptedAt.milliseconds)
        try withConnection { connection in
            var query = PostgresQuery(
                unsafeSQL: """
                    INSERT INTO forwards (\(HistorySchema.forwardColumns))
                    SELECT $1, position, state, NULLIF(status, 0), NULLIF(failure, ''), attempts, latency_us, attempted_ms
                    FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
                        AS o(position, state, status, failure, attempts, latency_us, attempted_ms)
                    \(HistorySchema.forwardConflict)
                    """)
            query.binds.append(receiver)
            query.binds.append(positions)
            query.binds.append(states)
            query.binds.append(statuses)
            query.binds.append(failures)
            query.binds.append(attempts)
            query.binds.append(latencies)
            query.binds.append(attempted)
            try await connection.query(query, logger: self.logger)
        }
    }

    public func forget(receiver: Int64) throws(HistoryError) {
        try withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            do {
                try await connection.query("DELETE FROM events WHERE receiver = \(receiver)", logger: self.logger)
                try await connection.query("DELETE FROM requests WHERE receiver = \(receiver)", logger: self.logger)
                try await connection.query(
                    "UPDATE receivers SET journal_position = 0, written_ms = NULL WHERE receiver = \(receiver)", logger: self.logger)
                try await connection.query("COMMIT", logger: self.logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    /// Removes events and requests older than the retention, a slice at a time. A size limit
    /// is SQLite's alone: PostgreSQL's space is its administrator's to manage.
    public func enforce(_ retention: HistoryRetention, now: UnixTime) throws(HistoryError) -> Int {
        guard let maximumAgeSeconds = retention.maximumAgeSeconds else { return 0 }
        let cutoff = now.milliseconds - maximumAgeSeconds * 1000
        return try withConnection { connection in
            var removed = 0
            while true {
                let rows = try await connection.query(
                    """
                    WITH gone AS (DELETE FROM events WHERE row IN
                        (SELECT row FROM events WHERE received_ms < \(cutoff) ORDER BY received_ms LIMIT 20000) RETURNING 1)
                    SELECT count(*) FROM gone
                    """, logger: self.logger
                ).collect()
                let slice = try rows.first?.decode(Int64.self) ?? 0
                removed += Int(slice)
                if slice < 20000 { break }
            }
            try await connection.query("DELETE FROM requests WHERE received_ms < \(cutoff)", logger: self.logger)
            // An attempt begins after its request came, so no outcome of a kept request goes.
            try await connection.query("DELETE FROM forwards WHERE attempted_ms < \(cutoff)", logger: self.logger)
            return removed
        }
    }

    /// Whether the tables hold any row of the receiver's lines from `first` to `last`: a line
    /// written twice (a rebuild's, one written again after a failure).
    private static func holdsRows(
        of receiver: Int64, from first: Int64, to last: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM requests WHERE receiver = \(receiver) AND position BETWEEN \(first) AND \(last))
                OR EXISTS (SELECT 1 FROM events WHERE receiver = \(receiver) AND position BETWEEN \(first) AND \(last))
            """, logger: logger
        ).collect()
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// Copies a batch's rows into the tables: `direct`, straight in, as new lines always are;
    /// else through the temporary tables, so that `ON CONFLICT DO NOTHING` leaves the rows
    /// already there. A line that another writer adds meanwhile (two receivers under one name)
    /// makes the direct copy fail on the key; the batch is then written again, not direct.
    private static func copy(
        _ requestData: ByteBuffer, _ eventData: ByteBuffer, direct: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let (requestTable, eventTable) = direct ? ("requests", "events") : ("incoming_requests", "incoming_events")
        try await connection.copyFrom(table: requestTable, columns: requestColumns, logger: logger) { try await $0.write(requestData) }
        try await connection.copyFrom(table: eventTable, columns: eventColumns, logger: logger) { try await $0.write(eventData) }
        guard !direct else { return }
        try await connection.query(
            PostgresQuery(unsafeSQL: "INSERT INTO requests SELECT * FROM incoming_requests ON CONFLICT DO NOTHING"), logger: logger)
        let columns = eventColumns.joined(separator: ", ")
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO events (\(columns)) SELECT \(columns) FROM incoming_events
                    ON CONFLICT (receiver, position, part) DO NOTHING
                    """),
            logger: logger)
    }

    static let requestColumns = [
        "receiver", "position", "received_ms", "format", "client", "method", "target", "headers", "body", "body_bytes",
        "events",
    ]
    static let eventColumns = ["receiver", "position", "part"] + HistoryColumn.allCases.map(\.rawValue)

    private static func append(_ request: JournaledRequest, receiver: Int64, bodyBytesKept: Int, to rows: inout CopyRows) {
        let raw = request.request
        rows.integer(receiver)
        rows.integer(request.position)
        rows.integer(request.receivedAt.milliseconds)
        rows.text(request.format?.rawValue)
        rows.text(request.client)
        rows.text(raw.method)
        raw.withTarget { rows.text(bytes: $0) }
        rows.text(StoredRequest.lines(of: raw.headers))
        raw.withBody { rows.bytes(UnsafeBufferPointer(rebasing: $0.prefix(bodyBytesKept))) }
        rows.integer(Int64(raw.bodyCount))
        rows.integer(Int64(request.events.count))
        rows.endRow()
    }

    func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) throws(HistoryError) -> Result {
        try session.run(body)
    }

    /// Closes the connection.
    public func close() { session.close() }
}
