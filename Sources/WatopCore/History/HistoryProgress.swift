/// How far the history database is behind the journal: for the header, the summary and
/// `/metrics`.
public struct HistoryProgress: Sendable, Equatable {
    /// Events written into the database since the start.
    public var eventsWritten = 0
    /// Journal bytes not yet in the database.
    public var backlogBytes: Int64 = 0
    /// Journal lines not yet in the database, estimated from the bytes at the size of the
    /// lines written so far.
    public var backlogLines = 0
    /// When the last batch was written.
    public var writtenAt: UnixTime?
    /// Why the last write failed, while writes fail; the store retries with backoff.
    public var problem: String?
    /// Journal lines that could not be read back, skipped.
    public var unreadableLines = 0
    /// Rows removed by retention since the start.
    public var eventsExpired = 0

    public init() {}

    /// Whether the store is behind by more than a moment's writing, or failing.
    public var isBehind: Bool { problem != nil || backlogLines > 10_000 }
}
