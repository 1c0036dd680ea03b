/// The fields a filter term can name (`status:failed`, `to:91987*`, `price>0` …).
enum FilterField: String, CaseIterable, Sendable {
    case status
    /// The recipient: `mobile` or `phone_number`.
    case to
    /// The WhatsApp number.
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

    /// The names a user may type for the field, compared case-insensitively: its own, a
    /// callback field's key that stands for it (`mobile`, `error_code`), or `forward`.
    init?(typed name: Substring) {
        let name = name.lowercased()
        if let field = FilterField(rawValue: name) {
            self = field
        } else if name == "forward" {
            self = .fwd
        } else if let field = CallbackField.allCases.first(where: { $0.key == name })?.entry.filter {
            self = field
        } else {
            return nil
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
