import WatopCore

/// A status as Kaleyra's callback profile sends it: the spec's flat fields in a GET query or a
/// POST JSON object whose every value is a string.
enum KaleyraV1Rendering {
    static let prices = ["0.01", "0.1150", "0.7846", "0.3500", "0.0085"]

    /// Draws what varies from one callback to the next (a price on a share of delivered ones,
    /// the method, placeholders left in the template), in the order the model always has.
    static func request(for update: StatusUpdate, profile: TrafficProfile, using random: inout SeededRandom)
        -> SimulatedRequest
    {
        let price = update.status == "delivered" && random.chance(profile.pricedRate)
            ? prices.randomElement(using: &random) : nil
        let usesPOST: Bool
        switch profile.method {
        case .get: usesPOST = false
        case .post: usesPOST = true
        case .mixed: usesPOST = random.chance(0.5)
        }
        let message = update.message
        let text = switch update.status {
        case "failed": "Message failed"
        case "not-sent": "Message not sent"
        default: "Message \(update.status)"
        }
        let fields: [(field: CallbackField, value: String?)] = [
            (.id, message.id), (.customResponse, "false"), (.timestamp, String(update.timestamp)),
            (.mobile, message.recipient), (.message, text), (.status, update.status),
            (.phoneNumber, message.recipient), (.error, update.code.flatMap { ProviderFailures.texts[$0] }),
            (.errorCode, update.code), (.ref, message.refs.0), (.ref1, message.refs.1), (.ref2, message.refs.2),
            (.price, price), (.whatsappNumber, message.sender),
        ]
        // Absent values come as Kaleyra renders an empty template value: empty, or now and then
        // the literal placeholder (`<ref1>`).
        let leavesPlaceholders = random.chance(0.1)
        let pairs = fields.map { field, value in
            (name: field.key, value: value ?? (leavesPlaceholders ? "<\(field.key)>" : ""))
        }
        let payload: SimulatedRequest.Payload
        if usesPOST {
            var writer = JSONObjectWriter()
            for pair in pairs { writer.string(pair.name, pair.value) }
            payload = .body(writer.finished(), contentType: "application/json")
        } else {
            payload = .query(FormEncoding.pairs(pairs))
        }
        return SimulatedRequest(format: .kaleyraV1, payload: payload, events: [update.event])
    }
}
