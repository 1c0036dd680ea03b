import WatopCore

/// How numbers, shares, rates and durations are written on screen.
enum Format {
    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// The name of the row where a table's values past its bound (`TableBounds`) count.
    static func otherRow(beyond limit: Int) -> String { "other (beyond \(count(limit)))" }

    /// `95.0%`, or `–` when there is nothing to divide by.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        return decimal(Double(part) * 100 / Double(whole), digits: 1) + "%"
    }

    /// `12.3/s`.
    static func rate(_ perSecond: Double) -> String { decimal(perSecond, digits: 1) + "/s" }

    /// A rate in at most seven columns, for the Rates chart's scale: `1.2k/s`, `12.5/s`, and
    /// below one a second per minute, `42/min`, `0.5/min`.
    static func compactRate(_ perSecond: Double) -> String {
        switch perSecond {
        case 9_999.5...: decimal(perSecond / 1000, digits: 0) + "k/s"
        case 999.5...: decimal(perSecond / 1000, digits: 1) + "k/s"
        case 99.5...: decimal(perSecond, digits: 0) + "/s"
        case 1...: decimal(perSecond, digits: 1) + "/s"
        case (9.95 / 60)...: decimal(perSecond * 60, digits: 0) + "/min"
        default: decimal(perSecond * 60, digits: 1) + "/min"
        }
    }

    /// A span of whole seconds as a clock would name it: `2s`, `10s`, `8m`, `1h`, else as
    /// `elapsed` writes it.
    static func span(seconds: Int64) -> String {
        switch seconds {
        case ..<60: "\(seconds)s"
        case ..<3600 where seconds % 60 == 0: "\(seconds / 60)m"
        case 3600... where seconds % 3600 == 0: "\(seconds / 3600)h"
        default: elapsed(seconds: seconds)
        }
    }

    /// A non-negative number with a fixed number of decimals, without Foundation's formatters.
    static func decimal(_ value: Double, digits: Int) -> String {
        let scale = (0..<digits).reduce(1) { result, _ in result * 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let whole = count(scaled / scale)
        guard digits > 0 else { return whole }
        let fraction = String(scaled % scale)
        return whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `850ms`, `2.4s`, `3m04s`, `1h02m`, `2d03h`.
    static func duration(milliseconds: Int64) -> String {
        let negative = milliseconds < 0
        let magnitude = milliseconds.magnitude
        let text: String
        switch magnitude {
        case ..<1000: text = "\(magnitude)ms"
        case ..<60_000: text = decimal(Double(magnitude) / 1000, digits: 1) + "s"
        default: text = elapsed(seconds: Int64(magnitude / 1000))
        }
        return negative ? "-" + text : text
    }

    /// `42s`, `3m04s`, `1h02m`, `2d03h`.
    static func elapsed(seconds: Int64) -> String {
        let seconds = max(0, seconds)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m" + twoDigits(seconds % 60) + "s"
        case ..<86_400: return "\(seconds / 3600)h" + twoDigits(seconds % 3600 / 60) + "m"
        default: return "\(seconds / 86_400)d" + twoDigits(seconds % 86_400 / 3600) + "h"
        }
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A message id in at most `width` characters (11 at least): `ad97e3b1…:0` keeps the
    /// start and the `:n` part that tells a message's parts apart.
    static func shortID(_ id: String, width: Int = 11) -> String {
        let width = max(11, width)
        guard id.count > width else { return id }
        // Meta's ids (Cloud API, Kaleyra v2) all start alike (`wamid.HBgL…`): only the end tells
        // messages apart.
        if id.hasPrefix("wamid.") { return "…" + id.suffix(width - 1) }
        if let colon = id.lastIndex(of: ":"), id.distance(from: colon, to: id.endIndex) <= 3 {
            return id.prefix(width - 1 - id.distance(from: colon, to: id.endIndex)) + "…" + id[colon...]
        }
        return id.prefix(width - 1) + "…"
    }

    /// Eight levels of bar, lowest to highest, scaled to the largest value; blank for zero.
    static func sparkline(_ values: [Int]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let peak = values.max() ?? 0
        guard peak > 0 else { return String(repeating: " ", count: values.count) }
        return String(values.map { $0 == 0 ? " " : bars[min(7, ($0 * 8 - 1) / peak)] })
    }

    /// Four decimals, so that columns of prices line up on the point (Kaleyra prices have up to
    /// four); an amount with more keeps them all, since totals are shown exactly.
    /// `YYYY-MM-DD HH:MM:SS` in UTC: a time that may be days old.
    static func dateTime(_ time: UnixTime) -> String {
        var text = Array(time.iso8601.prefix(19))
        text[10] = " "
        return String(text)
    }

    static func price(_ amount: ReportedPrice) -> String { amount.formatted(minimumFractionDigits: 4) }
}

extension DeliveryStatus {
    /// The role a status is drawn in.
    var role: StyleRole {
        switch self {
        // Never handed to WhatsApp: not a failure of delivery.
        case .notSent, .canceled: .statusNotSent
        // Not a failure, yet something the business should look at.
        case .warning: .warning
        // A customer's own message (or its deletion) is no delivery outcome: plain, not in the
        // color of a status nobody expected.
        case .deleted: .text
        case .other: self == .inbound ? .text : .statusOther
        default:
            switch StatusClass(self) {
            case .pending: .statusSent
            case .delivered: .statusDelivered
            case .read: .statusRead
            case .failed: .statusFailed
            }
        }
    }
}
