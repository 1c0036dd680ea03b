/// A point in time as milliseconds since the Unix epoch (UTC).
public struct UnixTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }

    /// Values at or above this are taken as milliseconds: as seconds they would be past the
    /// year 5000, as milliseconds they are after March 1973.
    static let millisecondThreshold: Int64 = 100_000_000_000

    /// Parses a callback `timestamp`: Unix seconds (optionally with a fraction), or Unix
    /// milliseconds when the value is clearly too large to be seconds.
    public init?(parsingCallbackTimestamp text: some StringProtocol) {
        var whole: Int64 = 0
        var fractionMillis: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
                continue
            }
            guard let value = ASCII.digitValue(byte) else { return nil }
            let digit = Int64(value)
            if seenPoint {
                fractionDigits += 1
                if fractionDigits <= 3 { fractionMillis = fractionMillis * 10 + digit }
            } else {
                digits += 1
                if digits > 16 { return nil }
                whole = whole * 10 + digit
            }
        }
        guard digits > 0 else { return nil }
        if whole >= Self.millisecondThreshold {
            self.milliseconds = whole
        } else {
            for _ in min(fractionDigits, 3)..<3 { fractionMillis *= 10 }
            self.milliseconds = whole * 1000 + fractionMillis
        }
    }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public var seconds: Int64 { milliseconds.floorDivided(by: 1000) }

    /// ISO-8601 in UTC with milliseconds, e.g. `2024-03-09T16:00:42.000Z`.
    public var iso8601: String {
        var bytes: [UInt8] = []
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `iso8601` as bytes. Written by hand because this runs twice per printed event
    /// and must neither allocate a formatter nor build intermediate strings.
    public func appendISO8601(to bytes: inout [UInt8]) {
        var cache = ISO8601SecondCache()
        bytes.append(upTo: ISO8601SecondCache.writtenBytes) { cache.write(self, to: &$0) }
    }

    /// `HH:MM:SS` in UTC, for compact tables.
    public var clockTime: String {
        let civil = CivilTime(unixSeconds: seconds)
        return "\(pad(civil.hour, 2)):\(pad(civil.minute, 2)):\(pad(civil.second, 2))"
    }

    public var description: String { iso8601 }
}

/// Calendar fields of a Unix time in UTC (Howard Hinnant's days-from-civil and its inverse).
struct CivilTime: Equatable {
    var year, month, day, hour, minute, second: Int

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// Seconds since the epoch. Fields out of range give some other moment (February 30th
    /// comes out in March), so a caller that must refuse them compares the fields of the result.
    var unixSeconds: Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = shiftedYear.floorDivided(by: 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    init(unixSeconds: Int64) {
        let days = unixSeconds.floorDivided(by: 86_400)
        let secondOfDay = Int(unixSeconds - days * 86_400)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthPart + 2) / 5 + 1)
        month = Int(monthPart < 10 ? monthPart + 3 : monthPart - 9)
        year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    }
}

extension Int64 {
    public func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// The `YYYY-MM-DDTHH:MM:SS` of the last second written: times written one after another (the
/// receipt times of a batch of events) mostly fall in the same second, and working out the
/// calendar date costs more than the rest of the line's numbers.
struct ISO8601SecondCache: Sendable {
    /// The bytes `write` writes: `YYYY-MM-DDTHH:MM:SS.mmmZ` (a year is always four digits).
    static let writtenBytes = 24
    private var second: Int64?
    private var text: [UInt8] = []

    mutating func write(_ time: UnixTime, to out: inout ByteCursor) {
        let seconds = time.seconds
        if second != seconds {
            second = seconds
            text.removeAll(keepingCapacity: true)
            let civil = CivilTime(unixSeconds: seconds)
            text.append(upTo: 19) { date in
                date.write(civil.year, digits: 4)
                date.write(UInt8(ascii: "-"))
                date.write(civil.month, digits: 2)
                date.write(UInt8(ascii: "-"))
                date.write(civil.day, digits: 2)
                date.write(UInt8(ascii: "T"))
                date.write(civil.hour, digits: 2)
                date.write(UInt8(ascii: ":"))
                date.write(civil.minute, digits: 2)
                date.write(UInt8(ascii: ":"))
                date.write(civil.second, digits: 2)
            }
        }
        text.withUnsafeBufferPointer { out.write($0) }
        out.write(UInt8(ascii: "."))
        out.write(Int(time.milliseconds - seconds * 1000), digits: 3)
        out.write(UInt8(ascii: "Z"))
    }
}
