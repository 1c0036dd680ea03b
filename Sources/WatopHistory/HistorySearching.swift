import WatopCore

/// A history database that answers searches: SQLite (`HistoryDatabase`) or PostgreSQL. The
/// filter comes compiled for its dialect; the events come in `HistorySchema.eventOrder`.
public protocol HistorySearching: HistoryReading {
    var dialect: SQLDialect { get }

    /// The events `filter` admits, newest first (or oldest first), at most `limit` of them.
    func events(matching filter: SQLFilter, newestFirst: Bool, limit: Int?) throws(HistoryError) -> [StoredEvent]

    /// The request an event came in, as kept; nil when retention removed it.
    func request(of event: StoredEvent) throws(HistoryError) -> StoredRequest?

    /// What became of an event's request forwarded to the app; nil when it was not forwarded
    /// (or its outcome is not kept).
    func forward(of event: StoredEvent) throws(HistoryError) -> ForwardOutcome?

    /// Lets go of the connection, once the searches are done.
    func close()
}

extension HistorySearching {
    /// Every event of one message, oldest first: its whole lifecycle, across receivers.
    public func lifecycle(ofMessage id: String) throws(HistoryError) -> [StoredEvent] {
        var filter = SQLFilter(dialect: dialect)
        filter.require(.text(id)) { "id = \($0)" }
        return try events(matching: filter, newestFirst: false, limit: nil)
    }

    /// At most `limit` events `filter` admits, newest first, all older than `cursor`.
    public func page(of filter: EventFilter, olderThan cursor: HistoryCursor?, limit: Int) throws(HistoryError)
        -> [StoredEvent]
    {
        var sql: SQLFilter
        do {
            sql = try SQLFilter(filter, dialect: dialect)
        } catch {
            throw HistoryError("cannot search the history with this filter: \(error)", isPermanent: true)
        }
        if let cursor {
            let time = HistoryValue.integer(cursor.receivedMilliseconds)
            if let row = cursor.row {
                // The time alone bounds the range the time indexes read; the key breaks ties.
                sql.require([time, time, .integer(row.receiver), .integer(row.position), .integer(row.part)]) { mark in
                    "received_ms <= \(mark[0]) AND (received_ms < \(mark[1]) OR (receiver, position, part) < (\(mark[2]), \(mark[3]), \(mark[4])))"
                }
            } else {
                sql.require(time) { "received_ms <= \($0)" }
            }
        }
        return try events(matching: sql, newestFirst: true, limit: limit)
    }
}
