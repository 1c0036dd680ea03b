/// Percent-encoding of query strings and form bodies, as the providers send them.
enum FormEncoding {
    /// `name=value` pairs joined by `&`, every value percent-encoded.
    static func pairs(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\($0.name)=\(percentEncoded($0.value))" }.joined(separator: "&")
    }

    /// Everything but unreserved characters is escaped (RFC 3986).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }
}
