/// Where a page of the history, newest first, leaves off: the next page holds what is older.
///
/// Events are ordered by when they were received, then by their row's key (receiver, journal
/// position, part), which stays the same when a line is written twice or the history is
/// rebuilt; the order of insertion would not.
public struct HistoryCursor: Sendable, Equatable {
    public let receivedMilliseconds: Int64
    /// The key of the last event shown; nil for "everything received up to that millisecond",
    /// where the history is entered from an event the buffer holds but the cursor cannot name.
    public let row: (receiver: Int64, position: Int64, part: Int64)?

    public init(receivedMilliseconds: Int64, row: (receiver: Int64, position: Int64, part: Int64)?) {
        self.receivedMilliseconds = receivedMilliseconds
        self.row = row
    }

    /// Every event received at `time` or earlier.
    public static func receivedAtOrBefore(_ time: UnixTime) -> HistoryCursor {
        HistoryCursor(receivedMilliseconds: time.milliseconds, row: nil)
    }

    public static func == (a: HistoryCursor, b: HistoryCursor) -> Bool {
        a.receivedMilliseconds == b.receivedMilliseconds && a.row?.receiver == b.row?.receiver
            && a.row?.position == b.row?.position && a.row?.part == b.row?.part
    }
}
