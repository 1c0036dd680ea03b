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
///
/// The values are kept as bytes, back to back in one buffer: this is built for every callback,
/// and a String per value cost a validation and often a heap allocation each, only to be
/// copied into the event's own block (`EventFields`) and dropped.
struct CallbackFields: EventTextSource {
    /// Each field's latest value, decoded, trimmed and valid UTF-8: where it lies in `values`.
    /// An empty range is an absent field.
    private var spans = InlineArray<14, Range<Int>>(repeating: 0..<0)
    private var values: [UInt8] = []
    private(set) var isEmpty = true
    /// Whether a pair named `MessageSid` or `SmsSid` was seen: the mark of a Twilio callback.
    private(set) var hasTwilioSid = false

    /// - Parameter capacity: room for the decoded values, taken at once. Decoding never makes
    ///   a value longer than its encoding but for a rare repair, so a request's length holds
    ///   them all: growing the buffer value by value cost three allocations per callback.
    init(reservingCapacity capacity: Int) {
        values.reserveCapacity(capacity)
    }

    /// A field's value as a String, nil when absent.
    subscript(field: CallbackField) -> String? {
        let span = spans[field.slot]
        return span.isEmpty ? nil : values.withUnsafeBufferPointer { String(decoding: $0[span], as: UTF8.self) }
    }

    /// Whether a field has a value.
    func isPresent(_ field: CallbackField) -> Bool { !spans[field.slot].isEmpty }

    /// Whether `phone_number` and `mobile` are both present and the same.
    var phoneNumberIsMobile: Bool {
        let phone = spans[CallbackField.phoneNumber.slot], mobile = spans[CallbackField.mobile.slot]
        return !phone.isEmpty && values[phone].elementsEqual(values[mobile])
    }

    /// Lends each present value but the status to `visit`, as the event field it becomes.
    func lendTexts(_ visit: EventFields.TextVisitor) {
        values.withUnsafeBufferPointer { all in
            for (field, text) in Self.eventFields {
                let span = spans[field.slot]
                if !span.isEmpty { visit(text, UnsafeBufferPointer(rebasing: all[span])) }
            }
        }
    }

    private static let eventFields: [(CallbackField, TextField)] = [
        (.id, .id), (.message, .message), (.mobile, .mobile), (.phoneNumber, .phoneNumber),
        (.whatsappNumber, .whatsappNumber), (.error, .error), (.errorCode, .errorCode), (.customResponse, .customResponse),
        (.ref, .ref), (.ref1, .ref1), (.ref2, .ref2),
    ]

    /// Records a value; the last value for a field wins. Unknown names are ignored (they stay
    /// visible in the raw request).
    mutating func set(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        isEmpty = false
        guard let field = CallbackField(wireName: name) else { return }
        keep(field) { $0.append(contentsOf: value) }
    }

    mutating func set(name: UnsafeBufferPointer<UInt8>, value: StaticString) {
        set(name: name, value: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
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
        keep(field) { values in
            FormDecoding.isEncoded(value) ? FormDecoding.append(decoding: value, to: &values) : values.append(contentsOf: value)
        }
    }

    /// Appends a value with `write`, then makes it valid UTF-8 (bad bytes become U+FFFD, as a
    /// String would have them) and keeps what `presentRange` keeps of it.
    private mutating func keep(_ field: CallbackField, write: (inout [UInt8]) -> Void) {
        let start = values.count
        write(&values)
        let repaired: String? = values.withUnsafeBufferPointer { all in
            let written = UnsafeBufferPointer(rebasing: all[start...])
            if !written.contains(where: { $0 >= 0x80 }) || String(validating: written, as: UTF8.self) != nil { return nil }
            return String(decoding: written, as: UTF8.self)
        }
        if let repaired {
            values.removeSubrange(start...)
            values.append(contentsOf: repaired.utf8)
        }
        let kept = values.withUnsafeBufferPointer { Self.presentRange(in: UnsafeBufferPointer(rebasing: $0[start...])) }
        spans[field.slot] = kept.map { (start + $0.lowerBound)..<(start + $0.upperBound) } ?? 0..<0
    }

    /// Empty text and unreplaced template placeholders such as `<ref1>` mean "absent".
    static func presentValue(_ value: String) -> String? {
        value.withUTF8Bytes { bytes in
            presentRange(in: bytes).map { $0.count == bytes.count ? value : String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    /// The part of `value` kept once spaces, tabs and line breaks are trimmed from both ends;
    /// nil for nothing, or for a `<placeholder>`.
    private static func presentRange(in value: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let first = value.firstIndex(where: { !$0.isASCIIWhitespace }),
            let last = value.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return nil }
        if value[first] == UInt8(ascii: "<"), value[last] == UInt8(ascii: ">") { return nil }
        return first..<(last + 1)
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
    /// The field's place among `allCases`, for fixed per-field storage.
    var slot: Int {
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
    asciiEqual(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount), ignoringCase: ignoringCase)
}

/// Whether two runs of bytes are the same text, optionally ignoring ASCII case (on both sides).
func asciiEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ other: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Bool {
    guard bytes.count == other.count else { return false }
    for offset in 0..<bytes.count {
        var byte = bytes[offset]
        var otherByte = other[offset]
        if ignoringCase {
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if otherByte >= UInt8(ascii: "A"), otherByte <= UInt8(ascii: "Z") { otherByte |= 0x20 }
        }
        if byte != otherByte { return false }
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
