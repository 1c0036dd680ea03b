import WatopCore

/// A history database that answers searches: SQLite (`HistoryDatabase`) or PostgreSQL. The
/// filter comes compiled for its dialect.
public protocol HistorySearching: Sendable {
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
}
