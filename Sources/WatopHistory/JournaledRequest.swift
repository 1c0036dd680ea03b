import WatopCore

/// One journal line as the history keeps it: the request, where the line is in its
/// receiver's journal, and the events watop read from it.
public struct JournaledRequest: Sendable {
    /// The line's offset in the journal as a whole: with the receiver, the request's key.
    public var position: Int64
    public var receivedAt: UnixTime
    public var format: CallbackFormat?
    public var client: String?
    public var request: RawRequest
    public var events: CallbackEvents

    public init(
        position: Int64, receivedAt: UnixTime, format: CallbackFormat?, client: String?, request: RawRequest,
        events: CallbackEvents
    ) {
        self.position = position
        self.receivedAt = receivedAt
        self.format = format
        self.client = client
        self.request = request
        self.events = events
    }

    /// Reads a journal line (without its newline) found at `position`.
    public init(line: some Collection<UInt8>, at position: Int64) throws(JournalRecord.Unreadable) {
        let (entry, batch) = try JournalRecord.read(line: Array(line))
        self.init(
            position: position, receivedAt: entry.receivedAt, format: batch?.format, client: entry.client,
            request: entry.request, events: batch?.events ?? CallbackEvents())
    }
}
