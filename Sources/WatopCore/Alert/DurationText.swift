/// Spans of time as people type them in options and rules: `90s`, `5m`, `12h`, `7d`.
public enum DurationText {
    static let units: [(suffix: String, seconds: Int64)] = [("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]

    /// Seconds in `text`, or nil when it is not a whole number followed by one unit.
    public static func seconds(_ text: some StringProtocol) -> Int64? {
        guard let unit = units.first(where: { text.hasSuffix($0.suffix) }) else { return nil }
        let digits = text.dropLast(unit.suffix.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits), count >= 0,
            count <= Int64.max / unit.seconds
        else { return nil }
        return count * unit.seconds
    }

    /// `seconds` as it would be typed, in the largest unit that divides it: `7d`, `2h`, `10m`, `90s`.
    public static func text(seconds: Int64) -> String {
        let unit = units.last { seconds >= $0.seconds && seconds % $0.seconds == 0 } ?? units[0]
        return "\(seconds / unit.seconds)\(unit.suffix)"
    }
}
