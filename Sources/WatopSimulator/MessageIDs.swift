import WatopCore

/// Message IDs in each provider's own shape, so that the dashboard shows what it would in production.
enum MessageIDs {
    /// A version-4 UUID in Kaleyra's lowercase form, with Kaleyra's `:0` suffix.
    static func kaleyra(using random: inout SeededRandom) -> String {
        var bytes = random.bytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hexText(bytes[$0]) }.joined(separator: "-") + ":0"
    }

    /// Meta's ID, `wamid.` and base64 of a small record that holds the customer's number and a
    /// random key, like `wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSMzc0QzQ2NTNBRTRGRjQyRDg3AA==`.
    static func wamid(customer: String, using random: inout SeededRandom) -> String {
        let number = Array(customer.utf8)
        let key = Array(hexText(random.bytes(9)).uppercased().utf8)
        let record =
            [0x1C, 0x18, UInt8(number.count)] + number + [0x15, 0x02, 0x00, 0x11, 0x18, UInt8(key.count)] + key + [0]
        return "wamid." + base64(record)
    }

    /// Twilio's SID: a two-letter kind (`SM` for a message, `AC` for an account) and 32 hex digits.
    static func twilioSID(_ kind: String, using random: inout SeededRandom) -> String {
        kind + hexText(random.bytes(16))
    }

    /// The message ID a provider gives to a message it sends for a business.
    static func make(for format: CallbackFormat, customer: String, using random: inout SeededRandom) -> String {
        switch format {
        case .kaleyraV1: kaleyra(using: &random)
        case .kaleyraV2, .meta: wamid(customer: customer, using: &random)
        case .twilio: twilioSID("SM", using: &random)
        }
    }

    /// Lowercase hex, two digits a byte.
    static func hexText(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            let bits = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * $1.offset) }
            for index in 0..<4 {
                out.append(index <= chunk.count ? alphabet[Int(bits >> (18 - 6 * index) & 0x3F)] : UInt8(ascii: "="))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
