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
        default: return nil
        }
    }

    static let namesForHelp = allCases.map(\.rawValue).joined(separator: ", ")
}
