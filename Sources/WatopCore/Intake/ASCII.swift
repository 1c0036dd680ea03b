/// Tests and conversions of single ASCII bytes, for the code that reads and writes bytes rather
/// than `Character`s: the parsers, the price and time readers, the filter's case folding and
/// the JSON writer.
public enum ASCII {
    /// `0` to `9`.
    @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The value of one decimal digit; nil for any other byte.
    @inline(__always)
    public static func digitValue(_ byte: UInt8) -> UInt8? { isDigit(byte) ? byte - UInt8(ascii: "0") : nil }

    /// The value of one hexadecimal digit, either case; nil for any other byte.
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `A`–`Z` made lowercase; every other byte, UTF-8 included, as it is.
    @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The digit that writes `value` (0–9).
    @inline(__always)
    public static func digit(_ value: UInt8) -> UInt8 { UInt8(ascii: "0") + value }

    /// The lowercase hexadecimal digit that writes `nibble` (0–15).
    @inline(__always)
    public static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? digit(nibble) : UInt8(ascii: "a") + nibble - 10 }
}
