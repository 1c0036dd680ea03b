/// An event the history holds, with the receiver that took it and where its request is kept.
public struct StoredEvent: Sendable {
    public let event: CallbackEvent
    /// The receiver's name (`--receiver-name`).
    public let receiver: String
    /// The request's key in the `requests` table, with the receiver.
    public let receiverNumber: Int64
    public let position: Int64
    /// The event's place in its request (a Meta webhook may carry several).
    public let part: Int64

    public init(event: CallbackEvent, receiver: String, receiverNumber: Int64, position: Int64, part: Int64) {
        self.event = event
        self.receiver = receiver
        self.receiverNumber = receiverNumber
        self.position = position
        self.part = part
    }

    /// Where a page that ends with this event leaves off.
    public var cursor: HistoryCursor {
        HistoryCursor(receivedMilliseconds: event.receivedAt.milliseconds, row: (receiverNumber, position, part))
    }
}
