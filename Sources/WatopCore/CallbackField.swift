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
/// One stored property per field, not an array: this is built for every callback, and an
/// array would be a heap allocation each time.
struct CallbackFields {
    private var id, status, message, mobile, phoneNumber, whatsappNumber, error: String?
    private var errorCode, price, timestamp, customResponse, ref, ref1, ref2: String?
    private(set) var isEmpty = true
    /// Whether a pair named `MessageSid` or `SmsSid` was seen: the mark of a Twilio callback.
    private(set) var hasTwilioSid = false

    subscript(field: CallbackField) -> String? {
        get {
            switch field {
            case .id: id
            case .status: status
            case .message: message
            case .mobile: mobile
            case .phoneNumber: phoneNumber
            case .whatsappNumber: whatsappNumber
            case .error: error
            case .errorCode: errorCode
            case .price: price
            case .timestamp: timestamp
            case .customResponse: customResponse
            case .ref: ref
            case .ref1: ref1
            case .ref2: ref2
            }
        }
        set {
            switch field {
            case .id: id = newValue
            case .status: status = newValue
            case .message: message = newValue
            case .mobile: mobile = newValue
            case .phoneNumber: phoneNumber = newValue
            case .whatsappNumber: whatsappNumber = newValue
            case .error: error = newValue
            case .errorCode: errorCode = newValue
            case .price: price = newValue
            case .timestamp: timestamp = newValue
            case .customResponse: customResponse = newValue
            case .ref: ref = newValue
            case .ref1: ref1 = newValue
            case .ref2: ref2 = newValue
            }
        }
    }

    /// Records a value; the last value for a field wins. Unknown names are ignored (they stay
    /// visible in the raw request).
    mutating func set(name: String, value: String) {
        isEmpty = false
        guard let field = CallbackField(wireName: name) else { return }
        self[field] = Self.presentValue(value)
    }

    /// Records a form-encoded pair, decoding only what belongs to a known field.
    mutating func set(encodedName name: UnsafeBufferPointer<UInt8>, encodedValue value: UnsafeBufferPointer<UInt8>) {
        isEmpty = false
        let field =
            FormDecoding.isEncoded(name)
            ? CallbackField(wireName: FormDecoding.decode(name)) : CallbackField(wireName: name)
        guard let field else {
            if asciiEqual(name, "MessageSid", ignoringCase: false) || asciiEqual(name, "SmsSid", ignoringCase: false) {
                hasTwilioSid = true
            }
            return
        }
        self[field] = Self.presentValue(FormDecoding.decode(value))
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
        guard let field = name.withUTF8({ CallbackField(wireName: $0) }) else { return nil }
        self = field
    }

    init?(wireName bytes: UnsafeBufferPointer<UInt8>) {
        let field: CallbackField? = {
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
            guard let candidate, asciiEqual(bytes, candidate.wireName, ignoringCase: false) else { return nil }
            return candidate
        }()
        guard let field else { return nil }
        self = field
    }
}

extension CallbackField {
    /// The wire name as static bytes, for comparing without walking a String.
    var wireName: StaticString {
        switch self {
        case .id: "id"
        case .status: "status"
        case .message: "message"
        case .mobile: "mobile"
        case .phoneNumber: "phone_number"
        case .whatsappNumber: "whatsapp_number"
        case .error: "error"
        case .errorCode: "error_code"
        case .price: "price"
        case .timestamp: "timestamp"
        case .customResponse: "custom_response"
        case .ref: "ref"
        case .ref1: "ref1"
        case .ref2: "ref2"
        }
    }
}

/// Whether `bytes` spell `word`, optionally ignoring ASCII case.
func asciiEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString, ignoringCase: Bool) -> Bool {
    guard bytes.count == word.utf8CodeUnitCount else { return false }
    let letters = word.utf8Start
    for offset in 0..<bytes.count {
        var byte = bytes[offset]
        if ignoringCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
        if byte != letters[offset] { return false }
    }
    return true
}

extension String {
    /// Lends the UTF-8 bytes to `body` in place; only a bridged string, with no contiguous
    /// UTF-8 of its own, is copied first.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var contiguous = self
        return contiguous.withUTF8(body)
    }

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
