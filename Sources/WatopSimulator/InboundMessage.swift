/// A message a customer sends to the business number, which Meta's webhook reports among the statuses.
struct InboundMessage: Sendable {
    var id: String
    /// The customer, digits only.
    var from: String
    var name: String
    var text: String
    /// Unix seconds.
    var timestamp: Int64

    static let texts = ["Yes", "Thanks!", "STOP", "When will my order arrive?", "Hi", "Please call me", "👍"]
    static let names = ["Asha", "Ravi Kumar", "Priya", "Arjun S", "Meera", "Vikram"]

    /// The customer of `message` writing back.
    static func reply(to message: SimulatedMessage, at timestamp: Int64, using random: inout SeededRandom)
        -> InboundMessage
    {
        InboundMessage(
            id: MessageIDs.wamid(customer: message.recipient, using: &random), from: message.recipient,
            name: names.randomElement(using: &random)!, text: texts.randomElement(using: &random)!,
            timestamp: timestamp)
    }

    func event(business: String) -> SimulatedEvent {
        SimulatedEvent(id: id, status: "inbound", customer: from, business: business, errorCode: nil)
    }
}
