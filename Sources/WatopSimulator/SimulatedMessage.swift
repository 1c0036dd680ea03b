import WatopCore

/// A message the traffic model follows from its first status to its last. Every status of a
/// message is reported in the one format its provider uses.
struct SimulatedMessage: Sendable {
    var format: CallbackFormat
    var id: String
    /// The business number sending it, digits only.
    var sender: String
    /// The customer it goes to, digits only.
    var recipient: String
    /// Kaleyra's `ref`, `ref1` and `ref2`; only the Kaleyra formats carry them.
    var refs: (String?, String?, String?)
    /// The conversation Meta opens for it; only the formats carrying Meta's status object have one.
    var conversation: MetaConversation?
}

/// Meta's conversation of a message: what it is billed as.
struct MetaConversation: Sendable {
    var id: String
    /// `marketing`, `utility`, `authentication` or `service`.
    var category: String

    /// Categories weighted by how often businesses send them.
    static let categories = ["marketing", "marketing", "marketing", "utility", "utility", "authentication", "service"]

    static func random(using random: inout SeededRandom) -> MetaConversation {
        MetaConversation(
            id: MessageIDs.hexText(random.bytes(16)), category: categories.randomElement(using: &random)!)
    }

    /// Service conversations (answers within the customer's window) are free.
    var isBillable: Bool { category != "service" }
}

/// One status of a message, as its provider will report it.
struct StatusUpdate: Sendable {
    var message: SimulatedMessage
    var status: String
    var code: String?
    /// The provider's time of the status, Unix seconds.
    var timestamp: Int64

    var event: SimulatedEvent {
        SimulatedEvent(
            id: message.id, status: status, customer: message.recipient, business: message.sender, errorCode: code)
    }

    /// The same status of the same message: a duplicate.
    func repeats(_ other: StatusUpdate) -> Bool { message.id == other.message.id && status == other.status }
}
