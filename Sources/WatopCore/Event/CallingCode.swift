/// The country calling code (ITU-T E.164) a recipient's number begins with, and the countries
/// that share it: what the Breakdown groups by as "country" and `country:` filters on.
///
/// Calling codes form a prefix code: `1` and `7`, the two-digit codes of `twoDigitCodes`, and
/// three digits for every other number. So the code of any number is known exactly, even one
/// the table of country names does not list (shown as `+NNN`).
public struct CallingCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code's digits as a number (`91`, `1`, `880`).
    public let value: UInt16

    public init?(value: UInt16) {
        guard (1...999).contains(value) else { return nil }
        self.value = value
    }

    /// The code of a number written as E.164 digits (a leading `+` allowed); nil for anything
    /// else: a business-scoped user id, a group id, a number cut short.
    init?(number bytes: UnsafeBufferPointer<UInt8>) {
        var digits = bytes[...]
        if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        // E.164 numbers are at most 15 digits, and no real one is shorter than 7.
        guard (7...15).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        let first = UInt16(digits[digits.startIndex] - UInt8(ascii: "0"))
        let two = first * 10 + UInt16(digits[digits.startIndex + 1] - UInt8(ascii: "0"))
        let three = two * 10 + UInt16(digits[digits.startIndex + 2] - UInt8(ascii: "0"))
        if first == 0 { return nil }
        value = first == 1 || first == 7 ? first : Self.twoDigitCodes.contains(two) ? two : three
    }

    /// The code of an event's recipient, when the recipient is a phone number.
    init?(recipientOf event: borrowing CallbackEvent) {
        let kind = event.recipientKind
        guard let code = event.withTexts({ CallingCode(recipientIn: $0, kind: kind) }) else { return nil }
        self = code
    }

    /// The code of the recipient in an event's texts: its mobile's, or else (no mobile, or not a
    /// number) its phone number's.
    init?(recipientIn texts: borrowing EventTexts, kind: RecipientKind) {
        guard kind == .phoneNumber else { return nil }
        let phoneNumber = texts[.phoneNumber]
        guard let code = CallingCode(number: texts[.mobile]) ?? CallingCode(number: phoneNumber) else { return nil }
        self = code
    }

    /// The ISO 3166 letters of the countries that share the code (`US/CA` for `1`), nil when
    /// the table does not name them.
    public var countries: String? { Self.countryNames[value] }

    /// `+91 IN`, or `+NNN` alone for a code the table does not name.
    public var description: String { countries.map { "+\(value) \($0)" } ?? "+\(value)" }

    public static func < (lhs: CallingCode, rhs: CallingCode) -> Bool { lhs.value < rhs.value }

    /// Every two-digit calling code; the other numbers of zones 2 to 9 begin with three digits.
    static let twoDigitCodes: Set<UInt16> = [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58,
        60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ]

    /// The codes whose countries a filter may name by their letters (`country:IN`).
    static func codes(ofCountry letters: Substring) -> [CallingCode] {
        let wanted = letters.uppercased()
        return countryNames.filter { $0.value.split(separator: "/").contains { $0 == wanted } }.keys.sorted()
            .compactMap { CallingCode(value: $0) }
    }

    /// Countries by calling code: every one- and two-digit code, and the three-digit codes of
    /// countries where WhatsApp business messaging is common. `1` is the North American
    /// Numbering Plan and `7` is shared by Russia and Kazakhstan: both are told apart only by
    /// the digits after the code, which watop does not read.
    private static let countryNames: [UInt16: String] = [
        1: "US/CA", 7: "RU/KZ", 20: "EG", 27: "ZA", 30: "GR", 31: "NL", 32: "BE", 33: "FR", 34: "ES", 36: "HU",
        39: "IT", 40: "RO", 41: "CH", 43: "AT", 44: "GB", 45: "DK", 46: "SE", 47: "NO", 48: "PL", 49: "DE",
        51: "PE", 52: "MX", 53: "CU", 54: "AR", 55: "BR", 56: "CL", 57: "CO", 58: "VE", 60: "MY", 61: "AU",
        62: "ID", 63: "PH", 64: "NZ", 65: "SG", 66: "TH", 81: "JP", 82: "KR", 84: "VN", 86: "CN", 90: "TR",
        91: "IN", 92: "PK", 93: "AF", 94: "LK", 95: "MM", 98: "IR",
        211: "SS", 212: "MA", 213: "DZ", 216: "TN", 218: "LY", 220: "GM", 221: "SN", 223: "ML", 224: "GN",
        225: "CI", 226: "BF", 227: "NE", 228: "TG", 229: "BJ", 230: "MU", 231: "LR", 232: "SL", 233: "GH",
        234: "NG", 235: "TD", 237: "CM", 241: "GA", 242: "CG", 243: "CD", 244: "AO", 249: "SD", 250: "RW",
        251: "ET", 252: "SO", 254: "KE", 255: "TZ", 256: "UG", 258: "MZ", 260: "ZM", 261: "MG", 263: "ZW",
        264: "NA", 265: "MW", 267: "BW", 351: "PT", 352: "LU", 353: "IE", 354: "IS", 355: "AL", 356: "MT",
        357: "CY", 358: "FI", 359: "BG", 370: "LT", 371: "LV", 372: "EE", 373: "MD", 374: "AM", 375: "BY",
        380: "UA", 381: "RS", 382: "ME", 385: "HR", 386: "SI", 387: "BA", 389: "MK", 420: "CZ", 421: "SK",
        502: "GT", 503: "SV", 504: "HN", 505: "NI", 506: "CR", 507: "PA", 509: "HT", 591: "BO", 593: "EC",
        595: "PY", 598: "UY", 852: "HK", 853: "MO", 855: "KH", 856: "LA", 880: "BD", 886: "TW", 960: "MV",
        961: "LB", 962: "JO", 963: "SY", 964: "IQ", 965: "KW", 966: "SA", 967: "YE", 968: "OM", 970: "PS",
        971: "AE", 972: "IL", 973: "BH", 974: "QA", 976: "MN", 977: "NP", 992: "TJ", 993: "TM", 994: "AZ",
        995: "GE", 996: "KG", 998: "UZ",
    ]
}
