import WatopCore

/// One HTTP request of simulated traffic, in one provider's format, with the events it carries.
public struct SimulatedRequest: Sendable, Equatable {
    /// Where the callback travels in the request.
    public enum Payload: Sendable, Equatable {
        /// Appended to the target's query string (Kaleyra's GET profile).
        case query(String)
        /// A POST body.
        case body(String, contentType: String)
    }

    public var format: CallbackFormat
    public var payload: Payload
    /// What the request reports, in the order a receiver reads it: a Meta webhook may carry
    /// several statuses and a customer's message. Kept so that what was sent can be counted
    /// and compared with what the receiver made of it.
    public var events: [SimulatedEvent]
}

/// What one event of a simulated request says.
public struct SimulatedEvent: Sendable, Equatable {
    /// The provider's message ID.
    public var id: String
    /// As the provider spells it (`not-sent`, `undelivered` …), or `inbound` for a message a customer sent.
    public var status: String
    /// The customer's number, digits only: the recipient of a status, the sender of an inbound message.
    public var customer: String
    /// The business's WhatsApp number, digits only.
    public var business: String
    public var errorCode: String?
}
