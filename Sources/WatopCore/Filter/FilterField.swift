/// The fields a filter term can name (`status:failed`, `to:91987*`, `price>0` …).
enum FilterField: String, CaseIterable, Sendable {
    case status
    /// The recipient: `mobile` or `phone_number`.
    case to
    /// The sending WhatsApp number.
    case from
    case code
    /// Any of `ref`, `ref1`, `ref2`.
    case ref
    case id
    case msg
    case error
    case price
    /// The company behind the payload (`kaleyra`, `meta`, `twilio`).
    case provider
    /// The payload format by its name (`kaleyra-v1`, `kaleyra-v2`, `meta`, `twilio`).
    case format
    /// What the app made of the request (`ok`, `failed`, `queued`, `5xx` …), when forwarding.
    case fwd

    /// The names a user may type for the field, compared case-insensitively.
    init?(typed name: Substring) {
        switch name.lowercased() {
        case "status": self = .status
        case "to", "mobile", "phone_number": self = .to
        case "from", "whatsapp_number": self = .from
        case "code", "error_code": self = .code
        case "ref", "ref1", "ref2": self = .ref
        case "id": self = .id
        case "msg", "message": self = .msg
        case "error": self = .error
        case "price": self = .price
        case "provider": self = .provider
        case "format": self = .format
        case "fwd", "forward": self = .fwd
        default: return nil
        }
    }

    static let namesForHelp = allCases.map(\.rawValue).joined(separator: ", ")

    /// Every value the field can take, for a field whose values are a fixed set, else nil:
    /// a pattern that matches none of them is a typo, refused rather than matching nothing.
    var closedValues: [String]? {
        switch self {
        case .provider:
            // Both Kaleyra formats name the same provider: each listed once, in format order.
            CallbackFormat.allCases.map(\.provider).reduce(into: []) { names, name in
                if !names.contains(name) { names.append(name) }
            }
        case .format: CallbackFormat.allCases.map(\.rawValue)
        default: nil
        }
    }
}
