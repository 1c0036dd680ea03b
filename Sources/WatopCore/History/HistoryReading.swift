/// The history database as the dashboard reads it: pages of stored events newest first, an
/// event's request as kept, a message's lifecycle. Calls block until the database answers, so
/// the dashboard makes them off its drawing thread.
public protocol HistoryReading: Sendable {
    /// At most `limit` events `filter` admits, newest first, all older than `cursor` (from the
    /// newest without one). A filter the database cannot search throws, naming the term.
    func page(of filter: EventFilter, olderThan cursor: HistoryCursor?, limit: Int) throws(HistoryError) -> [StoredEvent]

    /// The request an event came in, as kept; nil when retention removed it.
    func request(of event: StoredEvent) throws(HistoryError) -> StoredRequest?

    /// What became of an event's request forwarded to the app; nil when it was not forwarded
    /// (or its outcome is not kept).
    func forward(of event: StoredEvent) throws(HistoryError) -> ForwardOutcome?

    /// Every event of one message, oldest first: its whole lifecycle, across receivers.
    func lifecycle(ofMessage id: String) throws(HistoryError) -> [StoredEvent]
}
