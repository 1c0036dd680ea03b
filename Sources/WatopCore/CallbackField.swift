/// The named fields of a Kaleyra outgoing-message callback, by their wire names.
public enum CallbackField: String, CaseIterable, Sendable {
    case id
    case status
    case message
    case mobile
    case phoneNumber = "phone_number"
    case whatsappNumber = "whatsapp_number"
    case error
    case errorCode = "error_code"
    case price
    case timestamp
    case customResponse = "custom_response"
    case ref
    case ref1
    case ref2
}

/// The callback fields found in a request, before validation. Absent values are nil.
struct CallbackFields {
    private var values = [String?](repeating: nil, count: CallbackField.allCases.count)
    private(set) var isEmpty = true

    subscript(field: CallbackField) -> String? {
        values[field.index]
    }

    /// Records a value; the last value for a field wins. Unknown names are ignored (they stay
    /// visible in the raw request).
    mutating func set(name: String, value: String) {
        isEmpty = false
        guard let field = CallbackField(rawValue: name) else { return }
        values[field.index] = Self.presentValue(value)
    }

    /// Empty text and unreplaced template placeholders such as `<ref1>` mean "absent".
    static func presentValue(_ value: String) -> String? {
        let trimmed = value.trimmingASCIIWhitespace()
        if trimmed.isEmpty { return nil }
        let utf8 = trimmed.utf8
        if utf8.first == UInt8(ascii: "<"), utf8.last == UInt8(ascii: ">") { return nil }
        return trimmed
    }
}

extension CallbackField {
    fileprivate var index: Int {
        switch self {
        case .id: 0
        case .status: 1
        case .message: 2
        case .mobile: 3
        case .phoneNumber: 4
        case .whatsappNumber: 5
        case .error: 6
        case .errorCode: 7
        case .price: 8
        case .timestamp: 9
        case .customResponse: 10
        case .ref: 11
        case .ref1: 12
        case .ref2: 13
        }
    }
}

extension String {
    /// Drops leading and trailing spaces, tabs and line breaks; returns self when there are none.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !first.isASCIIWhitespace, !last.isASCIIWhitespace { return self }
        guard let start = utf8.firstIndex(where: { !$0.isASCIIWhitespace }),
            let end = utf8.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}

extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
