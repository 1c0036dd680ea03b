/// An exact decimal amount of money, as reported in a callback's `price`.
///
/// Stored as an integer count of nano-units (10⁻⁹) so that sums are exact: binary floating
/// point would turn `0.1 + 0.2` into `0.30000000000000004`. The sum of a million prices of
/// up to 9 billion fits easily in 128 bits.
public struct ReportedPrice: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let fractionDigits = 9
    static let scale: Int128 = 1_000_000_000

    /// The amount in units of 10⁻⁹.
    public private(set) var nanos: Int128

    public static let zero = ReportedPrice(nanos: 0)

    public init(nanos: Int128) { self.nanos = nanos }

    /// The amount in units, as a Double for exporters. Converted through Int64 when it fits:
    /// converting an Int128 takes the generic integer path, which costs more than the rest of
    /// counting an event in the metrics.
    public var units: Double {
        let nanos64 = Int64(exactly: nanos)
        return (nanos64.map { Double($0) } ?? Double(nanos)) / 1e9
    }

    /// Parses a plain decimal such as `0.01`, `12`, `.5` or `0.0085`.
    /// Returns nil for anything else: signs, exponents, more than nine decimal places, or
    /// more than eighteen integer digits.
    public init?(parsing text: some StringProtocol) {
        var integer: Int128 = 0
        var fraction: Int128 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard let value = ASCII.digitValue(byte) else { return nil }
            let digit = Int128(value)
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > Self.fractionDigits { return nil }
                fraction = fraction * 10 + digit
            } else {
                integerDigits += 1
                if integerDigits > 18 { return nil }
                integer = integer * 10 + digit
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        for _ in fractionDigits..<Self.fractionDigits { fraction *= 10 }
        self.nanos = integer * Self.scale + fraction
    }

    public static func + (lhs: ReportedPrice, rhs: ReportedPrice) -> ReportedPrice {
        ReportedPrice(nanos: lhs.nanos + rhs.nanos)
    }

    public static func += (lhs: inout ReportedPrice, rhs: ReportedPrice) {
        lhs.nanos += rhs.nanos
    }

    public static func < (lhs: ReportedPrice, rhs: ReportedPrice) -> Bool { lhs.nanos < rhs.nanos }

    /// This amount divided by `count`, truncated to nano-units (for averages).
    public func divided(by count: Int) -> ReportedPrice {
        count == 0 ? .zero : ReportedPrice(nanos: nanos / Int128(count))
    }

    /// Rounded half away from zero to `fractionDigits` decimals (for averages; sums stay exact).
    public func rounded(fractionDigits: Int) -> ReportedPrice {
        var unit: Int128 = 1
        for _ in 0..<max(0, Self.fractionDigits - fractionDigits) { unit *= 10 }
        let half = unit / 2
        let magnitude = nanos < 0 ? -nanos : nanos
        let rounded = (magnitude + half) / unit * unit
        return ReportedPrice(nanos: nanos < 0 ? -rounded : rounded)
    }

    /// The exact value with trailing zeros trimmed, keeping at least `minimumFractionDigits`:
    /// `0.01`, `12.50`, `0.0085`.
    public func formatted(minimumFractionDigits: Int = 2) -> String {
        let magnitude = nanos.magnitude
        let integer = magnitude / UInt128(Self.scale)
        // Trailing zeros dropped as numbers, not characters: this runs for every priced
        // callback written to stdout or the journal.
        var fraction = UInt64(magnitude % UInt128(Self.scale))
        var digits = Self.fractionDigits
        while digits > max(0, minimumFractionDigits), fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var text = nanos < 0 ? "-" : ""
        text += UInt64(exactly: integer).map { String($0) } ?? String(integer)
        guard digits > 0 else { return text }
        let fractionText = String(fraction)
        return text + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    public var description: String { formatted() }
}
