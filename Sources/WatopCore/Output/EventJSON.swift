/// Accepted events as single lines of JSON: every callback field (null when absent), the
/// price as an exact decimal string and times in ISO-8601.
///
/// Written by hand because it runs once per event at intake speed; a generic encoder
/// would allocate a container per field. A value rather than functions alone: it remembers the
/// last second it wrote for each time field, since one batch of lines mostly shares them.
public struct EventJSON: Sendable {
    private var receivedAtSecond = ISO8601SecondCache()
    private var timestampSecond = ISO8601SecondCache()

    /// Room for everything in a line but the text fields' bytes: the keys and punctuation
    /// (about 250 bytes), the numbers, times and names (under 160), and a quote pair or a null
    /// for each text field. The largest line there can be is written in a test.
    private static let bytesBesideText = 512

    public init() {}

    /// The callback fields in the order written, read once from `CallbackField`.
    private static let members = CallbackField.allCases.map(\.entry)

    public static func line(for event: CallbackEvent) -> String {
        var bytes: [UInt8] = []
        var writer = EventJSON()
        writer.append(event, to: &bytes)
        return String(decoding: bytes.dropLast(), as: UTF8.self)
    }

    /// Appends the event's line and a newline to `bytes`: batches of lines go to stdout as one
    /// buffer, with no String built per line and no buffer per line. Room for the longest line
    /// the event could make is reserved once, so each piece is written without a check of the
    /// array's capacity, and text fields are quoted straight from the event's storage.
    public mutating func append(_ event: borrowing CallbackEvent, to bytes: inout [UInt8]) {
        event.withTexts { texts in
            bytes.append(upTo: Self.bytesBesideText + ByteCursor.maximumQuotedBytes(texts.readCount)) { out in
                // A member's key carries the comma before it.
                func value(_ field: TextField) {
                    let value = texts[field]
                    value.isEmpty ? out.write("null") : out.writeQuoted(value)
                }
                func string(_ value: String?) {
                    guard let value else { return out.write("null") }
                    value.withUTF8Bytes { out.writeQuoted($0) }
                }
                func text(_ key: StaticString, _ field: TextField) {
                    out.write(key)
                    value(field)
                }
                func string(_ key: StaticString, _ value: String?) {
                    out.write(key)
                    string(value)
                }
                func time(_ value: UnixTime?, _ cache: inout ISO8601SecondCache) {
                    guard let value else { return out.write("null") }
                    out.write(UInt8(ascii: "\""))
                    cache.write(value, to: &out)
                    out.write(UInt8(ascii: "\""))
                }
                out.write(#"{"seq":"#)
                out.write(decimal: event.sequence)
                out.write(#","received_at":"#)
                time(event.receivedAt, &receivedAtSecond)
                string(#","format":"#, event.format.rawValue)
                string(#","transport":"#, event.transport.rawValue)
                text(#","method":"#, .method)
                for member in Self.members {
                    out.write(",\"" as StaticString)
                    out.write(member.key)
                    out.write("\":" as StaticString)
                    switch member.value {
                    case .text(let text): value(text)
                    case .status: string(event.status.name)
                    case .price: string(event.price?.formatted(minimumFractionDigits: 0))
                    case .time: time(event.timestamp, &timestampSecond)
                    }
                }
                text(#","pricing_category":"#, .pricingCategory)
                out.write(#","billable":"#)
                out.write(event.billable.map { $0 ? "true" : "false" } ?? "null")
                text(#","pricing_model":"#, .pricingModel)
                text(#","pricing_type":"#, .pricingType)
                string(#","recipient_kind":"#, event.recipientKind == .phoneNumber ? nil : event.recipientKind.rawValue)
                // Most events have no errors: their line ends here, in the room already made.
                if texts[.errors].isEmpty { out.write(",\"errors\":null}\n" as StaticString) }
            }
            if !texts[.errors].isEmpty { Self.appendErrors(texts[.errors], to: &bytes) }
        }
    }

    /// Ends the line with `"errors"`: every entry of the provider's `errors[]` (one at least) as
    /// an object. Written apart from the rest, since its room depends on the number of entries.
    private static func appendErrors(_ packed: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let keys: [StaticString] = [#"{"code":"#, #","title":"#, #","message":"#, #","details":"#]
        let entries = 1 + packed.count { $0 == ProviderError.recordByte }
        // Per entry: its keys and braces (under 48 bytes) and a null or a pair of quotes per part.
        let room = 16 + entries * (48 + 4 * 4) + ByteCursor.maximumQuotedBytes(packed.count)
        bytes.append(upTo: room) { out in
            out.write(#","errors":["#)
            var part = 0
            var start = 0
            for index in 0...packed.count {
                let byte = index < packed.count ? packed[index] : ProviderError.recordByte
                guard byte == ProviderError.unitByte || byte == ProviderError.recordByte else { continue }
                if part == 0, start > 0 { out.write(UInt8(ascii: ",")) }
                out.write(keys[part])
                let value = UnsafeBufferPointer(rebasing: packed[start..<index])
                value.isEmpty ? out.write("null") : out.writeQuoted(value)
                start = index + 1
                if byte == ProviderError.recordByte {
                    // An entry always has its four parts; one cut short still closes as an object.
                    for missing in (part + 1)..<max(part + 1, keys.count) {
                        out.write(keys[missing])
                        out.write("null")
                    }
                    out.write(UInt8(ascii: "}"))
                    part = 0
                } else {
                    part = min(part + 1, keys.count - 1)
                }
            }
            out.write("]}\n")
        }
    }
}

/// Builds one flat JSON object as UTF-8 bytes.
public struct JSONObjectWriter {
    /// The object written so far; complete once `close` has run.
    public private(set) var bytes: [UInt8]
    private var hasMembers = false

    public init() {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(640)
    }

    public mutating func string(_ key: String, _ value: String?) {
        beginMember(key)
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
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
        beginMember(key)
        guard let value else { return bytes.append(contentsOf: "null".utf8) }
        var cache = ISO8601SecondCache()
        bytes.append(upTo: ISO8601SecondCache.writtenBytes + 2) { out in
            out.write(UInt8(ascii: "\""))
            cache.write(value, to: &out)
            out.write(UInt8(ascii: "\""))
        }
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

    /// An object of counts, its members in the order given.
    public static func counts(_ pairs: [(key: String, count: Int)]) -> String {
        var out = JSONObjectWriter()
        for (key, count) in pairs { out.number(key, String(count)) }
        return out.finished()
    }

    /// `value` as a JSON string literal.
    /// Name and value pairs (a request's headers) as a JSON array of two-string arrays.
    public static func pairs(_ pairs: [(name: String, value: String)]) -> String {
        "[" + pairs.map { "[" + quoted($0.name) + "," + quoted($0.value) + "]" }.joined(separator: ",") + "]"
    }

    public static func quoted(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string literal (see `ByteCursor.writeQuoted`).
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        value.withUTF8Bytes { value in bytes.append(upTo: ByteCursor.maximumQuotedBytes(value.count)) { $0.writeQuoted(value) } }
    }
}
