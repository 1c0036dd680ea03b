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
        guard let field = CallbackField(wireName: name) else { return }
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
    /// `init(rawValue:)` compares the name with each case in turn; this runs for every field of
    /// every callback, so it first narrows by length and first byte.
    init?(wireName name: String) {
        var name = name
        let field: CallbackField? = name.withUTF8 { bytes in
            guard let first = bytes.first else { return nil }
            let candidate: CallbackField? =
                switch (bytes.count, first) {
                case (2, UInt8(ascii: "i")): .id
                case (6, UInt8(ascii: "s")): .status
                case (7, UInt8(ascii: "m")): .message
                case (6, UInt8(ascii: "m")): .mobile
                case (12, UInt8(ascii: "p")): .phoneNumber
                case (15, UInt8(ascii: "w")): .whatsappNumber
                case (5, UInt8(ascii: "e")): .error
                case (10, UInt8(ascii: "e")): .errorCode
                case (5, UInt8(ascii: "p")): .price
                case (9, UInt8(ascii: "t")): .timestamp
                case (15, UInt8(ascii: "c")): .customResponse
                case (3, UInt8(ascii: "r")): .ref
                case (4, UInt8(ascii: "r")): bytes[3] == UInt8(ascii: "1") ? .ref1 : .ref2
                default: nil
                }
            guard let candidate, candidate.rawValue.utf8.elementsEqual(bytes) else { return nil }
            return candidate
        }
        guard let field else { return nil }
        self = field
    }

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
