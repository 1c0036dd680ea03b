import Foundation
import PostgresNIO
import WatopCore
import WatopHistory

extension PostgresHistory: HistorySearching {
    public var dialect: SQLDialect { .postgres }

    public func events(matching filter: SQLFilter, newestFirst: Bool, limit: Int?) throws(HistoryError) -> [StoredEvent] {
        precondition(filter.dialect == .postgres, "a PostgreSQL history reads PostgreSQL conditions")
        var sql = """
            SELECT receiver, name, position, part, \(PostgresEventRows.eventColumns)
            FROM events JOIN receivers USING (receiver)
            WHERE \(filter.whereClause) ORDER BY \(HistorySchema.eventOrder(newestFirst: newestFirst))
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        let query = PostgresQuery(unsafeSQL: sql, binds: PostgresEventRows.bindings(filter.parameters))
        return try withConnection { [logger] connection in
            var events: [StoredEvent] = []
            for try await row in try await connection.query(query, logger: logger) {
                let cells = row.makeRandomAccess()
                events.append(
                    StoredEvent(
                        event: try PostgresEventRows.event(in: cells, from: 4), receiver: try cells[1].decode(String.self),
                        receiverNumber: try cells[0].decode(Int64.self), position: try cells[2].decode(Int64.self),
                        part: try cells[3].decode(Int64.self)))
            }
            return events
        }
    }

    public func request(of event: StoredEvent) throws(HistoryError) -> StoredRequest? {
        let (receiver, position) = (event.receiverNumber, event.position)
        return try withConnection { [logger] connection -> StoredRequest? in
            let rows = try await connection.query(
                """
                SELECT method, target, headers, body, body_bytes FROM requests
                WHERE receiver = \(receiver) AND position = \(position)
                """, logger: logger
            ).collect()
            guard let row = rows.first else { return nil }
            let (method, target, headers, body, bodyBytes) = try row.decode((String, String, String, ByteBuffer?, Int64).self)
            return StoredRequest(
                method: method, target: target, headers: StoredRequest.headers(fromLines: headers),
                body: body.map { Array($0.readableBytesView) } ?? [], bodyBytes: Int(bodyBytes))
        }
    }

    public func forward(of event: StoredEvent) throws(HistoryError) -> ForwardOutcome? {
        let (receiver, position) = (event.receiverNumber, event.position)
        return try withConnection { [logger] connection -> ForwardOutcome? in
            let rows = try await connection.query(
                """
                SELECT state, status, failure, attempts, latency_us, attempted_ms FROM forwards
                WHERE receiver = \(receiver) AND position = \(position)
                """, logger: logger
            ).collect()
            guard let row = rows.first else { return nil }
            let (state, status, failure, attempts, latency, attempted) = try row.decode(
                (String, Int64?, String?, Int64, Int64, Int64).self)
            return ForwardOutcome(
                journalPosition: position, state: ForwardState(name: state) ?? .failed, status: status.map(Int.init),
                failure: failure, attempts: Int(attempts), latencyMicroseconds: latency,
                attemptedAt: UnixTime(milliseconds: attempted))
        }
    }
}
