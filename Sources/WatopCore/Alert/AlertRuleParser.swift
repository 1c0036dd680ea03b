/// Reads one alert rule: an optional filter, then the measure and its clauses.
///
///     [FILTER] share|rate|count OP THRESHOLD over DURATION [min N] [for DURATION]
///     rejected:REASON[|REASON] count|rate OP THRESHOLD over DURATION [min N] [for DURATION]
///     silence>DURATION [for DURATION]
///
/// The filter is everything before the measure's word and is read by the filter parser itself,
/// so a rule admits exactly the events the same text typed at `/` does.
struct AlertRuleParser {
    private struct Word {
        var text: Substring
        /// One-based.
        var column: Int
    }

    private let text: String
    private let words: [Word]

    /// The share a rule needs in its window before it can hold, when it does not say (`min N`).
    static let defaultMinimumForShare = 10
    /// No window is longer: the counters keep a fixed number of buckets, and a day is what the
    /// screen charts.
    static let longestWindowSeconds: Int64 = 86_400

    init(_ text: String) {
        self.text = text.trimmingASCIIWhitespace()
        words = Self.split(self.text)
    }

    func rule() throws(AlertRuleError) -> AlertRule {
        guard let measureIndex = words.firstIndex(where: { Self.measureWord(of: $0.text) != nil }) else {
            throw fail(
                at: words.last.map { $0.column + $0.text.count } ?? 1,
                "expected a measure: share>5%, rate>2/min, count>0 (with over DURATION), or silence>3m")
        }
        let measureWord = words[measureIndex]
        let filterText = text[..<text.index(text.startIndex, offsetBy: measureWord.column - 1)]
        var (measure, comparison, threshold) = try readMeasure(measureWord)
        let subject = try readSubject(filterText, measure: measure)
        var window: Int64?
        var minimum: Int?
        var hold: Int64 = 0
        var index = measureIndex + 1
        while index < words.count {
            let word = words[index]
            guard index + 1 < words.count else { throw fail(at: word.column, "expected a value after \"\(word.text)\"") }
            let value = words[index + 1]
            switch word.text {
            case "over" where measure != .silence:
                guard let seconds = DurationText.seconds(value.text), (1...Self.longestWindowSeconds).contains(seconds) else {
                    throw fail(at: value.column, "expected a window from 1s to 24h such as 5m, not \"\(value.text)\"")
                }
                window = seconds
            case "min" where measure != .silence:
                guard let count = Int(value.text), count >= 0 else {
                    throw fail(at: value.column, "expected a whole number of callbacks after min, not \"\(value.text)\"")
                }
                minimum = count
            case "for":
                guard let seconds = DurationText.seconds(value.text) else {
                    throw fail(at: value.column, "expected a duration such as 2m after for, not \"\(value.text)\"")
                }
                hold = seconds
            default:
                throw fail(
                    at: word.column,
                    measure == .silence ? "expected for DURATION, not \"\(word.text)\"" : "expected over, min or for, not \"\(word.text)\"")
            }
            index += 2
        }
        if measure == .silence {
            window = Int64(threshold)
        }
        guard let window else {
            throw fail(at: measureWord.column + measureWord.text.count, "expected over DURATION after \"\(measureWord.text)\"")
        }
        if case .rate = measure, threshold < 0 { threshold = 0 }
        return AlertRule(
            text: text, subject: subject, measure: measure, comparison: comparison, threshold: threshold,
            windowSeconds: window, minimumCount: minimum ?? (measure == .share ? Self.defaultMinimumForShare : 0),
            holdSeconds: hold)
    }

    private func readSubject(_ filterText: Substring, measure: AlertRule.Measure) throws(AlertRuleError) -> AlertRule.Subject {
        let trimmed = String(filterText).trimmingASCIIWhitespace()
        if measure == .silence {
            guard trimmed.isEmpty else { throw fail(at: 1, "silence counts every callback: no filter before it") }
            return .silence
        }
        if trimmed.hasPrefix("rejected:") {
            guard measure != .share else { throw fail(at: 1, "a share is of accepted callbacks: use count or rate with rejected:") }
            let names = trimmed.dropFirst("rejected:".count)
            guard !names.contains(" ") else { throw fail(at: 1, "rejected: stands alone, with reasons joined by |") }
            if names == "*" { return .rejections(nil) }
            var reasons = Set<RejectionReason>()
            for name in names.split(separator: "|", omittingEmptySubsequences: false) {
                guard let reason = RejectionReason(rawValue: String(name)) else {
                    let known = RejectionReason.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                    throw fail(at: "rejected:".count + 1, "unknown refusal reason \"\(name)\" (\(known), or *)")
                }
                reasons.insert(reason)
            }
            return .rejections(reasons)
        }
        let filter: EventFilter
        do {
            // The moment is never read: a rule refuses time terms below.
            filter = try EventFilter(parsing: String(trimmed), now: UnixTime(milliseconds: 0))
        } catch {
            throw fail(at: 1, "in the filter: \(error.message)")
        }
        // A rule watches the window it names (`over 5m`), which slides; a time term would be
        // fixed when watop starts.
        guard !filter.testsTime else { throw fail(at: 1, "a rule's filter takes no since:, after: or before:; its window is over DURATION") }
        // A rule counts each callback as it arrives, when its message has just been heard of.
        guard !filter.testsMessages else {
            throw fail(at: 1, "a rule's filter takes no stuck: or age:, which judge a message, not a callback as it arrives")
        }
        return .events(filter)
    }

    private func readMeasure(_ word: Word) throws(AlertRuleError)
        -> (AlertRule.Measure, AlertRule.Comparison, Double)
    {
        let (name, afterName) = Self.measureWord(of: word.text)!
        let rest = word.text[afterName...]
        guard let comparison = AlertRule.Comparison.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw fail(at: word.column + name.count, "expected >, >=, < or <= after \(name)")
        }
        let value = rest.dropFirst(comparison.rawValue.count)
        let valueColumn = word.column + name.count + comparison.rawValue.count
        switch name {
        case "share":
            guard value.hasSuffix("%"), let percent = Double(value.dropLast()), (0...100).contains(percent) else {
                throw fail(at: valueColumn, "expected a percentage such as 5%, not \"\(value)\"")
            }
            return (.share, comparison, percent)
        case "rate":
            let parts = value.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, let perUnit = Double(parts[0]), perUnit >= 0, perUnit.isFinite,
                let unit = RateUnit(rawValue: String(parts[1]))
            else { throw fail(at: valueColumn, "expected a rate such as 2/min (per s, min or h), not \"\(value)\"") }
            return (.rate(unit: unit), comparison, perUnit)
        case "count":
            guard let count = Int(value), count >= 0 else {
                throw fail(at: valueColumn, "expected a whole number such as 0, not \"\(value)\"")
            }
            return (.count, comparison, Double(count))
        default:
            guard comparison == .above || comparison == .atLeast else {
                throw fail(at: word.column + name.count, "silence is compared with > or >=")
            }
            guard let seconds = DurationText.seconds(value), seconds > 0 else {
                throw fail(at: valueColumn, "expected a duration such as 3m, not \"\(value)\"")
            }
            return (.silence, comparison, Double(seconds))
        }
    }

    /// The measure a word begins with, and where its comparison starts: only a measure's name
    /// followed by a comparison (or what was meant for one) counts, so that a filter's free word
    /// `share` is not taken for one.
    private static func measureWord(of word: Substring) -> (name: String, end: Substring.Index)? {
        for name in ["share", "rate", "count", "silence"] where word.hasPrefix(name) {
            let end = word.index(word.startIndex, offsetBy: name.count)
            if end < word.endIndex, "<>=!".contains(word[end]) { return (name, end) }
        }
        return nil
    }

    private func fail(at column: Int, _ expected: String) -> AlertRuleError {
        AlertRuleError(rule: text, column: column, expected: expected)
    }

    /// Words separated by spaces, a quoted text (the filter's literal search) kept as one.
    private static func split(_ text: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var quoted = false
        var column = 0
        var startColumn = 0
        for index in text.indices {
            column += 1
            let character = text[index]
            if character == "\"" { quoted.toggle() }
            if character == " " || character == "\t", !quoted {
                if let begun = start { words.append(Word(text: text[begun..<index], column: startColumn)) }
                start = nil
            } else if start == nil {
                start = index
                startColumn = column
            }
        }
        if let begun = start { words.append(Word(text: text[begun...], column: startColumn)) }
        return words
    }
}
