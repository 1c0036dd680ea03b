import Foundation
import GRDB
import WatopCore

extension HistoryDatabase: HistorySearching {
    public var dialect: SQLDialect { .sqlite }

    /// The events `filter` admits, newest first (or oldest first), at most `limit` of them.
    public func events(matching filter: SQLFilter, newestFirst: Bool, limit: Int?) throws(HistoryError)
        -> [StoredEvent]
    {
        precondition(filter.dialect == .sqlite, "a SQLite history reads SQLite conditions")
        var sql = "SELECT receiver, position, part, " + HistoryColumn.allCases.map(\.rawValue).joined(separator: ", ")
            + " FROM events WHERE \(filter.whereClause) ORDER BY \(HistorySchema.eventOrder(newestFirst: newestFirst))"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        let arguments = StatementArguments(filter.parameters.map(\.databaseValue))
        return try reading { database in
            let names = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(database, sql: "SELECT receiver, name FROM receivers").map {
                    (row: Row) -> (Int64, String) in (row[0], row[1])
                })
            return try Row.fetchAll(database, sql: sql, arguments: arguments).map { row throws in
                let values = HistoryColumn.allCases.indices.map { index in HistoryValue(row[index + 3] as DatabaseValue) }
                let receiver: Int64 = row[0]
                do {
                    return StoredEvent(
                        event: try HistoryRecord(values: values).event(), receiver: names[receiver] ?? "receiver \(receiver)",
                        receiverNumber: receiver, position: row[1], part: row[2])
                } catch {
                    throw HistoryError("an event in the history cannot be read: \(error)")
                }
            }
        }
    }

    /// The request an event came in, as kept; nil when retention removed it.
    public func request(of event: StoredEvent) throws(HistoryError) -> StoredRequest? {
        try reading { database in
            let sql = "SELECT method, target, headers, body, body_bytes FROM requests WHERE receiver = ? AND position = ?"
            guard let row = try Row.fetchOne(database, sql: sql, arguments: [event.receiverNumber, event.position]) else {
                return nil
            }
            let body: Data? = row[3]
            return StoredRequest(
                method: row[0], target: row[1], headers: StoredRequest.headers(fromLines: row[2]),
                body: Array(body ?? Data()), bodyBytes: row[4])
        }
    }
}

extension HistoryDatabase {
    public func forward(of event: StoredEvent) throws(HistoryError) -> ForwardOutcome? {
        try reading { database in
            let sql = "SELECT \(HistorySchema.forwardColumns) FROM forwards WHERE receiver = ? AND position = ?"
            guard let row = try Row.fetchOne(database, sql: sql, arguments: [event.receiverNumber, event.position]) else {
                return nil
            }
            return ForwardOutcome(
                journalPosition: row[1], state: ForwardState(name: row[2]) ?? .failed, status: row[3], failure: row[4],
                attempts: row[5], latencyMicroseconds: row[6], attemptedAt: UnixTime(milliseconds: row[7]))
        }
    }
}

extension HistoryValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .int64(let number): self = .integer(number)
        case .string(let text): self = .text(text)
        // The history writes neither: a column that holds one is read as absent.
        case .null, .double, .blob: self = .null
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }
}
