/// A column of the history's `events` table that holds a field of the event: the one list the
/// schema, the row writers and the filter's translation to SQL all read, so that a column is
/// named in one place.
public enum HistoryColumn: String, CaseIterable, Sendable {
    case receivedMilliseconds = "received_ms"
    case format
    case transport
    case method
    case id
    case status
    case message
    case mobile
    case phoneNumber = "phone_number"
    case whatsappNumber = "whatsapp_number"
    case error
    case errorCode = "error_code"
    /// The exact decimal, as watop prints it.
    case price
    /// The price's whole units and its fraction in nano-units: two integers compare exactly
    /// in every database, where the text would compare as text and a float would round.
    case priceUnits = "price_units"
    case priceNanos = "price_nanos"
    case timestampMilliseconds = "timestamp_ms"
    case customResponse = "custom_response"
    case ref
    case ref1
    case ref2
    case pricingCategory = "pricing_category"
    case pricingModel = "pricing_model"
    case pricingType = "pricing_type"
    case billable
    case recipientKind = "recipient_kind"
    /// Every entry of the provider's `errors[]`, as a JSON array.
    case errors

    public enum Kind: Sendable {
        case text
        case integer
    }

    public var kind: Kind {
        switch self {
        case .receivedMilliseconds, .priceUnits, .priceNanos, .timestampMilliseconds, .billable: .integer
        default: .text
        }
    }

    /// Whether every event has a value: the others are NULL when the callback has none.
    public var isRequired: Bool {
        switch self {
        case .receivedMilliseconds, .format, .transport, .method, .id, .status, .recipientKind: true
        default: false
        }
    }

    /// The column that holds a callback text field, nil for a field kept otherwise.
    init?(_ field: TextField) {
        switch field {
        case .id: self = .id
        case .message: self = .message
        case .mobile: self = .mobile
        case .phoneNumber: self = .phoneNumber
        case .whatsappNumber: self = .whatsappNumber
        case .error: self = .error
        case .errorCode: self = .errorCode
        case .ref: self = .ref
        case .ref1: self = .ref1
        case .ref2: self = .ref2
        case .customResponse: self = .customResponse
        case .pricingCategory: self = .pricingCategory
        case .pricingModel: self = .pricingModel
        case .pricingType: self = .pricingType
        default: return nil
        }
    }
}
