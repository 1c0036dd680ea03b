import WatopCore

/// An event the history holds, with the receiver that took it and where its request is kept.
public struct StoredEvent: Sendable {
    public let event: CallbackEvent
    /// The receiver's name (`--receiver-name`).
    public let receiver: String
    /// The request's key in the `requests` table, with the receiver.
    public let receiverNumber: Int64
    public let position: Int64
}
