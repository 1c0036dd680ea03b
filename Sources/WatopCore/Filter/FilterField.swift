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
    /// The recipient's country, by its number's calling code (`IN`, `+91`).
    case country
    /// Meta's pricing category (`marketing`, `utility`, `authentication_international` …).
    case category
    /// Meta's pricing type (`regular`, `free_customer_service`, `free_entry_point`).
    case pricing
    /// Received at most this long ago (`15m`), counted from when the filter is compiled.
    case since
    /// Received at or after this UTC time (`2026-12-01T10:00`, `14:05`).
    case after
    /// Received before this UTC time.
    case before
    /// Whether the event's message is stuck when the filter is applied (`yes`, `no`).
    case stuck
    /// The event's message's age when the filter is applied, compared with a duration (`>30m`).
    case age

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

    /// The event text fields the field's pattern is tested against; empty for a field that
    /// is no text of the event (a status, a price, the provider …).
    var textFields: TextFieldSet {
        var set = TextFieldSet()
        switch self {
        case .category: set.insert(.pricingCategory)
        case .pricing: set.insert(.pricingType)
        default: return CallbackField.textFields(filteredAs: self)
        }
        return set
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
