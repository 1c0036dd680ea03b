/// The named fields of a Kaleyra outgoing-message callback: the one list of them, in the order
/// watop writes and shows them. Everything that differs from field to field is in `entry`, so
/// the parser, the JSON lines, the detail view and the filter all read it from here.
public enum CallbackField: Int, CaseIterable, Sendable {
    case id
    case status
    case message
    case mobile
    case phoneNumber
    case whatsappNumber
    case error
    case errorCode
    case price
    case timestamp
    case customResponse
    case ref
    case ref1
    case ref2

    /// What watop knows of one field.
    struct Entry {
        /// The field's name in a query, a JSON or form body, watop's JSON lines and the
        /// detail view: Kaleyra's own name for it.
        let key: StaticString
        let value: Value
        /// The filter field its key may be typed for (`mobile:` means `to:`), nil when none.
        let filter: FilterField?
    }

    /// What kind of value a field carries, and so where an event keeps it.
    enum Value: Equatable {
        case text(TextField)
        case status
        case price
        case time
    }

    var entry: Entry {
        switch self {
        case .id: Entry(key: "id", value: .text(.id), filter: .id)
        case .status: Entry(key: "status", value: .status, filter: .status)
        case .message: Entry(key: "message", value: .text(.message), filter: .msg)
        case .mobile: Entry(key: "mobile", value: .text(.mobile), filter: .to)
        case .phoneNumber: Entry(key: "phone_number", value: .text(.phoneNumber), filter: .to)
        case .whatsappNumber: Entry(key: "whatsapp_number", value: .text(.whatsappNumber), filter: .from)
        case .error: Entry(key: "error", value: .text(.error), filter: .error)
        case .errorCode: Entry(key: "error_code", value: .text(.errorCode), filter: .code)
        case .price: Entry(key: "price", value: .price, filter: .price)
        case .timestamp: Entry(key: "timestamp", value: .time, filter: nil)
        case .customResponse: Entry(key: "custom_response", value: .text(.customResponse), filter: nil)
        case .ref: Entry(key: "ref", value: .text(.ref), filter: .ref)
        case .ref1: Entry(key: "ref1", value: .text(.ref1), filter: .ref)
        case .ref2: Entry(key: "ref2", value: .text(.ref2), filter: .ref)
        }
    }

    /// The field's name on the wire and on screen (see `Entry.key`).
    public var key: String { entry.key.description }

    /// The field's place among `allCases`, for fixed per-field storage.
    var slot: Int { rawValue }

    /// Where an event keeps the field's text, nil for a status, price or time.
    var textField: TextField? {
        if case .text(let field) = entry.value { return field }
        return nil
    }

    /// The event text fields whose keys may be typed for `filter`.
    static func textFields(filteredAs filter: FilterField) -> TextFieldSet {
        var set = TextFieldSet()
        for field in allCases where field.entry.filter == filter {
            if let text = field.textField { set.insert(text) }
        }
        return set
    }
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

    /// Lends each present text value to `visit`, as the event field it becomes.
    func lendTexts(_ visit: EventFields.TextVisitor) {
        values.withUnsafeBufferPointer { all in
            for slot in 0..<CallbackField.count {
                let span = spans[slot]
                if !span.isEmpty, let text = CallbackField(rawValue: slot)!.textField {
                    visit(text, UnsafeBufferPointer(rebasing: all[span]))
                }
            }
        }
    }

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
    /// How many fields there are.
    static let count = allCases.count

    init?(wireName name: String) {
        var name = name
        guard let field = name.withUTF8({ CallbackField(wireName: $0) }) else { return nil }
        self = field
    }

    /// The field whose key `bytes` spell exactly. This runs for every field of every callback,
    /// so each key's length is compared before its bytes.
    init?(wireName bytes: UnsafeBufferPointer<UInt8>) {
        for slot in 0..<Self.count {
            let field = CallbackField(rawValue: slot)!
            let key = field.entry.key
            if key.utf8CodeUnitCount == bytes.count, asciiEqual(bytes, key, ignoringCase: false) {
                self = field
                return
            }
        }
        return nil
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
