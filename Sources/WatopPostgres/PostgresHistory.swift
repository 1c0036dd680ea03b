import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import PostgresNIO
import WatopCore
import WatopHistory

/// The history in PostgreSQL (`--store postgres://…`): the tables every receiver of a fleet
/// writes into, each row under its receiver's number.
///
/// The writer's thread calls in and waits: one connection, made again after any failure, so
/// that a database that went away is found again by the writer's retries (with backoff) and
/// the journal's backlog is worked off. Each batch goes in by COPY into temporary tables of
/// the connection, then into the tables with `ON CONFLICT DO NOTHING` (a line written twice
/// leaves one row), with the receiver's journal position and one NOTIFY, in one transaction.
public final class PostgresHistory: HistorySink {
    public let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)
    private let logger = Logger(label: "watop-postgres")
    /// Connections made, for the connection's id in the client's own logs.
    private let connections = NIOLockedValueBox(0)

    /// The channel each batch notifies, with the receiver's number as the payload.
    public static let channel = "watop_events"
    /// How long one call (a batch, a connection) may take before the connection is given up.
    static let timeoutSeconds = 30.0
    /// The advisory lock under which the schema is created or migrated: two receivers starting
    /// at once must not both create the tables.
    static let schemaLock: Int64 = 0x7761_746F_7000_0001

    /// Reads the connection's settings; connects at the first call.
    public init(location: PostgresLocation, password: String?) throws(HistoryError) {
        self.location = location
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable: tls = .disable
            case .prefer, .require:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                let context = try NIOSSLContext(configuration: settings)
                tls = location.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw HistoryError("cannot set up TLS for \(location): \(error)")
        }
        configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: tls)
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

    public func write(
        _ requests: [JournaledRequest], receiver: Int64, upTo journalPosition: Int64, bodyBytesKept: Int, now: UnixTime
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
        try withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            do {
                try await connection.copyFrom(table: "incoming_requests", columns: Self.requestColumns, logger: self.logger) {
                    try await $0.write(requestData)
                }
                try await connection.copyFrom(table: "incoming_events", columns: Self.eventColumns, logger: self.logger) {
                    try await $0.write(eventData)
                }
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "INSERT INTO requests SELECT * FROM incoming_requests ON CONFLICT DO NOTHING"),
                    logger: self.logger)
                let columns = Self.eventColumns.joined(separator: ", ")
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            INSERT INTO events (\(columns)) SELECT \(columns) FROM incoming_events
                            ON CONFLICT (receiver, position, part) DO NOTHING
                            """),
                    logger: self.logger)
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
            return removed
        }
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
        rows.text(raw.headers.map { "\($0.name): \($0.value)\n" }.joined())
        raw.withBody { rows.bytes(UnsafeBufferPointer(rebasing: $0.prefix(bodyBytesKept))) }
        rows.integer(Int64(raw.bodyCount))
        rows.integer(Int64(request.events.count))
        rows.endRow()
    }

    /// Runs `body` on the connection, connecting (and checking the schema) first when there is
    /// none; a failure drops the connection, so that the next call connects again.
    private func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) throws(HistoryError) -> Result {
        let outcome = Blocking.run(timeoutSeconds: Self.timeoutSeconds) { [self] () async throws -> Result in
            let connection = try await currentConnection()
            do {
                return try await body(connection)
            } catch {
                self.connection.withLockedValue { $0 = nil }
                try? await connection.close()
                throw error
            }
        }
        switch outcome {
        case .success(let value): return value
        case .failure(is Blocking.TimedOut):
            // A server that stopped answering: the connection is dropped and made again.
            if let stale = connection.withLockedValue({ current in defer { current = nil }; return current }) {
                _ = stale.close() as EventLoopFuture<Void>
            }
            throw HistoryError("\(location): no answer in \(Int(Self.timeoutSeconds)) s")
        case .failure(let error as HistoryError): throw HistoryError("\(location): \(error.description)", isPermanent: error.isPermanent)
        case .failure(let error): throw HistoryError("\(location): \(PostgresProblem.describe(error))")
        }
    }

    private func currentConnection() async throws -> PostgresConnection {
        // A query on a connection the server has closed would wait for an answer forever.
        if let connection = connection.withLockedValue({ $0 }), !connection.isClosed { return connection }
        let id = connections.withLockedValue { count in
            count += 1
            return count
        }
        let connection = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        do {
            try await PostgresSchema.prepare(on: connection, logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        self.connection.withLockedValue { $0 = connection }
        return connection
    }

    /// Closes the connection.
    public func close() {
        guard let connection = connection.withLockedValue({ current in defer { current = nil }; return current }) else { return }
        _ = Blocking.run(timeoutSeconds: Self.timeoutSeconds) { try await connection.close() }
    }
}
