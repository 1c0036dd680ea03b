/// `since:15m`, `after:2026-12-01T10:00`, `before:14:05`: when watop received an event,
/// against a moment in UTC worked out once, when the filter is compiled. A bound never moves
/// afterwards, so that the matches can be kept up to date as events arrive: `since:` counts
/// back from the moment of compiling, and a time without a date is the last one that passed.
struct TimeBound: Sendable {
    enum Side: Sendable {
        /// At or after the moment (`since:`, `after:`).
        case atOrAfter
        /// Strictly before it (`before:`), so that `after:T1 before:T2` splits time without overlap.
        case before
    }

    let side: Side
    let moment: UnixTime
    /// Whether the moment was counted from the time of compiling (`since:`, a time without
    /// a date): compiled again later, the same text gives another moment.
    let countsFromNow: Bool

    func admits(_ time: UnixTime) -> Bool {
        switch side {
        case .atOrAfter: time >= moment
        case .before: time < moment
        }
    }

    /// `since:DURATION`: received at most that long before `now`.
    static func since(_ value: Substring, now: UnixTime) throws(FilterError) -> TimeBound {
        guard !value.isEmpty else { throw FilterError("since needs a duration, as in since:15m") }
        // A hundred years is more than any buffer holds, and keeps the subtraction in range.
        guard let seconds = DurationText.seconds(value), seconds <= 3_153_600_000 else {
            throw FilterError("since takes a whole number and a unit (s, m, h or d), as in 90s, 15m, 2h or 1d, not \"\(value)\"")
        }
        return TimeBound(side: .atOrAfter, moment: UnixTime(milliseconds: now.milliseconds - seconds * 1000), countsFromNow: true)
    }

    /// `after:TIME` or `before:TIME` (`field` names which, for the messages), in UTC: a date
    /// (`2026-12-01`, its midnight), a date and time (`2026-12-01T10:00`, seconds allowed), or
    /// a time alone (`14:05`, `14:05:30`): the last such time at or before `now`. A trailing
    /// `Z` (UTC, as ISO 8601 writes it) is allowed.
    static func at(_ side: Side, _ value: Substring, field: String, now: UnixTime) throws(FilterError) -> TimeBound {
        let shape = "\(field) takes a UTC time such as 14:05, 14:05:30, 2026-12-01 or 2026-12-01T10:00"
        guard !value.isEmpty else { throw FilterError("\(field) needs a UTC time, as in \(field):14:05") }
        let text = value.last == "Z" || value.last == "z" ? value.dropLast() : value
        let separator = text.firstIndex { $0 == "T" || $0 == "t" }
        let datePart = separator.map { text[..<$0] } ?? (text.contains("-") ? text : nil)
        let clockPart = separator.map { text[text.index(after: $0)...] } ?? (datePart == nil ? text : nil)
        let clock = try clockPart.map { part throws(FilterError) in
            guard let clock = timeOfDay(part) else { throw FilterError("\(shape), not \"\(value)\"") }
            guard clock.hour < 24, clock.minute < 60, clock.second < 60 else {
                throw FilterError("there is no time \(part): hours go to 23, minutes and seconds to 59")
            }
            return clock
        } ?? (hour: 0, minute: 0, second: 0)
        guard let datePart else {
            let midnight = now.seconds.floorDivided(by: 86_400) * 86_400
            let today = midnight + Int64(clock.hour * 3600 + clock.minute * 60 + clock.second)
            return TimeBound(side: side, moment: UnixTime(seconds: today <= now.seconds ? today : today - 86_400), countsFromNow: true)
        }
        guard var civil = civilDate(datePart) else { throw FilterError("\(shape), not \"\(value)\"") }
        guard (1...12).contains(civil.month), CivilTime(unixSeconds: civil.unixSeconds) == civil else {
            throw FilterError("there is no day \(datePart): \(field) takes a date as year-month-day")
        }
        (civil.hour, civil.minute, civil.second) = clock
        return TimeBound(side: side, moment: UnixTime(seconds: civil.unixSeconds), countsFromNow: false)
    }

    /// `YYYY-MM-DD` as written, whether or not the day exists.
    private static func civilDate(_ text: Substring) -> CivilTime? {
        let numbers = digitGroups(text, separator: "-")
        guard let numbers, numbers.map(\.digits) == [4, 2, 2] else { return nil }
        return CivilTime(year: numbers[0].value, month: numbers[1].value, day: numbers[2].value)
    }

    /// `HH:MM` or `HH:MM:SS` as written (an hour of one digit allowed), whether or not in range.
    private static func timeOfDay(_ text: Substring) -> (hour: Int, minute: Int, second: Int)? {
        guard let numbers = digitGroups(text, separator: ":"), (2...3).contains(numbers.count),
            (1...2).contains(numbers[0].digits), numbers.dropFirst().allSatisfy({ $0.digits == 2 })
        else { return nil }
        return (numbers[0].value, numbers[1].value, numbers.count == 3 ? numbers[2].value : 0)
    }

    /// The numbers of `text` between separators, with how many digits each had; nil when a
    /// part is empty or holds anything but ASCII digits.
    private static func digitGroups(_ text: Substring, separator: Character) -> [(value: Int, digits: Int)]? {
        var groups: [(value: Int, digits: Int)] = []
        for part in text.split(separator: separator, omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.utf8.count <= 4, part.utf8.allSatisfy(ASCII.isDigit) else { return nil }
            groups.append((part.utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }, part.utf8.count))
        }
        return groups
    }
}
