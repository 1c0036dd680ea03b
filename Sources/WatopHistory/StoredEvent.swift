import WatopCore

/// An event the history holds, with the receiver that took it and where its request is kept.
public struct StoredEvent: Sendable {
    public let event: CallbackEvent
    /// The receiver's name (`--receiver-name`).
    public let receiver: String
    /// The request's key in the `requests` table, with the receiver.
    public let receiverNumber: Int64
    public let position: Int64

    public init(event: CallbackEvent, receiver: String, receiverNumber: Int64, position: Int64) {
        self.event = event
        self.receiver = receiver
        self.receiverNumber = receiverNumber
        self.position = position
    }
}
