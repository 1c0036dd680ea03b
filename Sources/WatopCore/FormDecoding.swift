/// Decoding of `application/x-www-form-urlencoded` text, used for query strings and form bodies.
///
/// Follows the WHATWG URL standard: `+` is a space, `%XX` is a byte, a `%` not followed by
/// two hex digits stays as it is, and bytes that are not valid UTF-8 become U+FFFD. That way
/// a stray `%` in a free-text field costs nothing instead of losing the whole callback.
public enum FormDecoding {
    /// Every `name=value` pair in order, duplicates included. A pair without `=` has an empty value.
    public static func pairs(in text: some StringProtocol) -> [(name: String, value: String)] {
        var text = String(text)
        return text.withUTF8 { pairs(in: $0) }
    }

    public static func pairs(in bytes: UnsafeBufferPointer<UInt8>) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(16)
        var start = 0
        let end = bytes.count
        while start < end {
            var pairEnd = start
            var equals = -1
            while pairEnd < end, bytes[pairEnd] != UInt8(ascii: "&") {
                if equals < 0, bytes[pairEnd] == UInt8(ascii: "=") { equals = pairEnd }
                pairEnd += 1
            }
            if pairEnd > start {
                let nameEnd = equals < 0 ? pairEnd : equals
                let name = decode(UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]))
                let value = equals < 0 ? "" : decode(UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<pairEnd]))
                result.append((name, value))
            }
            start = pairEnd + 1
        }
        return result
    }

    /// Percent-decodes one component, `+` as space.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: most values carry nothing to decode.
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
