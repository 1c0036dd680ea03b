/// One accepted event as a single line of JSON: every callback field (null when absent),
/// the price as an exact decimal string and times in ISO-8601.
///
/// Written by hand because it runs once per event at intake speed; a generic encoder
/// would allocate a container per field.
public enum EventJSON {
    public static func line(for event: CallbackEvent) -> String {
        var out = JSONObjectWriter()
        out.number("seq", String(event.sequence))
        out.string("received_at", event.receivedAt.iso8601)
        out.string("transport", event.transport.rawValue)
        out.string("method", event.raw.method)
        out.string("id", event.id)
        out.string("status", event.status.name)
        out.string("message", event.message)
        out.string("mobile", event.mobile)
        out.string("phone_number", event.phoneNumber)
        out.string("whatsapp_number", event.whatsappNumber)
        out.string("error", event.error)
        out.string("error_code", event.errorCode)
        out.string("price", event.price?.formatted(minimumFractionDigits: 0))
        out.string("timestamp", event.timestamp?.iso8601)
        out.string("custom_response", event.customResponse)
        out.string("ref", event.ref)
        out.string("ref1", event.ref1)
        out.string("ref2", event.ref2)
        return out.finished()
    }
}

/// Builds one flat JSON object as text.
public struct JSONObjectWriter {
    private var text = "{"

    public init() {}

    public mutating func string(_ key: String, _ value: String?) {
        guard let value else { return raw(key, "null") }
        raw(key, Self.quoted(value))
    }

    public mutating func number(_ key: String, _ literal: String) { raw(key, literal) }

    /// Appends a member whose value is already JSON text (an object, a number, null).
    public mutating func raw(_ key: String, _ json: String) {
        if text.utf8.count > 1 { text += "," }
        text += Self.quoted(key)
        text += ":"
        text += json
    }

    public func finished() -> String { text + "}" }

    /// `value` as a JSON string literal; control characters are escaped so that a line stays
    /// one line and a terminal reading it is never driven by it.
    public static func quoted(_ value: String) -> String {
        var needsEscape = false
        for byte in value.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F {
            needsEscape = true
            break
        }
        if !needsEscape { return "\"" + value + "\"" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
