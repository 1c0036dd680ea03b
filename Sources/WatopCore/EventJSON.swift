/// Accepted events as single lines of JSON: every callback field (null when absent), the
/// price as an exact decimal string and times in ISO-8601.
///
/// Written by hand because it runs once per event at intake speed; a generic encoder
/// would allocate a container per field. A value rather than functions alone: it remembers the
/// last second it wrote for each time field, since one batch of lines mostly shares them.
public struct EventJSON: Sendable {
    private var receivedAtSecond = ISO8601SecondCache()
    private var timestampSecond = ISO8601SecondCache()

    public init() {}

    public static func line(for event: CallbackEvent) -> String {
        var bytes: [UInt8] = []
        var writer = EventJSON()
        writer.append(event, to: &bytes)
        return String(decoding: bytes.dropLast(), as: UTF8.self)
    }

    /// Appends the event's line and a newline to `bytes`: batches of lines go to stdout as one
    /// buffer, with no String built per line and no buffer per line.
    public mutating func append(_ event: CallbackEvent, to bytes: inout [UInt8]) {
        var out = JSONObjectWriter(continuing: &bytes)
        // Text fields are quoted straight from the event's storage, with no String made of each.
        func text(_ key: String, _ field: TextField) { event.withBytes(of: field) { out.string(key, utf8: $0) } }
        out.number("seq", String(event.sequence))
        out.time("received_at", event.receivedAt, cache: &receivedAtSecond)
        out.string("format", event.format.rawValue)
        out.string("transport", event.transport.rawValue)
        text("method", .method)
        text("id", .id)
        out.string("status", event.status.name)
        text("message", .message)
        text("mobile", .mobile)
        text("phone_number", .phoneNumber)
        text("whatsapp_number", .whatsappNumber)
        text("error", .error)
        text("error_code", .errorCode)
        out.string("price", event.price?.formatted(minimumFractionDigits: 0))
        out.time("timestamp", event.timestamp, cache: &timestampSecond)
        text("custom_response", .customResponse)
        text("ref", .ref)
        text("ref1", .ref1)
        text("ref2", .ref2)
        text("pricing_category", .pricingCategory)
        out.raw("billable", event.billable.map { $0 ? "true" : "false" } ?? "null")
        out.close(handingBackTo: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }
}

/// Builds one flat JSON object as UTF-8 bytes.
public struct JSONObjectWriter {
    /// The object written so far (after what `bytes` held when it was continued); complete
    /// once `close` has run.
    public private(set) var bytes: [UInt8]
    private var hasMembers = false

    public init() {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(640)
    }

    /// Writes the object at the end of `buffer`, which it takes over until
    /// `close(handingBackTo:)`: the two trade places, so no bytes are copied.
    init(continuing buffer: inout [UInt8]) {
        bytes = []
        swap(&bytes, &buffer)
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func string(_ key: String, _ value: String?) {
        beginMember(key)
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        Self.appendQuoted(value, to: &bytes)
    }

    /// A string member from UTF-8 bytes; empty bytes (an absent field) are null.
    mutating func string(_ key: String, utf8 value: UnsafeBufferPointer<UInt8>) {
        beginMember(key)
        guard !value.isEmpty else { return bytes.append(contentsOf: "null".utf8) }
        Self.appendQuoted(value, to: &bytes)
    }

    public mutating func number(_ key: String, _ literal: String) {
        beginMember(key)
        bytes.append(contentsOf: literal.utf8)
    }

    /// Appends a member whose value is already JSON text (an object, a number, null).
    public mutating func raw(_ key: String, _ json: String) {
        beginMember(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// A time as an ISO-8601 string, or null.
    public mutating func time(_ key: String, _ value: UnixTime?) {
        var cache = ISO8601SecondCache()
        time(key, value, cache: &cache)
    }

    mutating func time(_ key: String, _ value: UnixTime?, cache: inout ISO8601SecondCache) {
        beginMember(key)
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        bytes.append(UInt8(ascii: "\""))
        cache.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func beginMember(_ key: String) {
        if hasMembers { bytes.append(UInt8(ascii: ",")) }
        hasMembers = true
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// This object as text, closed.
    public func finished() -> String {
        String(decoding: bytes, as: UTF8.self) + "}"
    }

    /// Closes the object: `bytes` is then complete.
    public mutating func close() {
        bytes.append(UInt8(ascii: "}"))
    }

    /// Closes the object and gives the buffer it continued back, the object appended.
    mutating func close(handingBackTo buffer: inout [UInt8]) {
        close()
        swap(&bytes, &buffer)
    }

    /// `value` as a JSON string literal.
    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string literal. Control characters are escaped, so that a
    /// line stays one line and a terminal reading it is never driven by it.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        value.withUTF8Bytes { appendQuoted($0, to: &bytes) }
    }

    /// Runs of bytes that need no escape (nearly all of them) are copied whole.
    static func appendQuoted(_ value: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<value.count {
            let byte = value[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<index]))
            appendEscaped(byte, to: &bytes)
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }
}
