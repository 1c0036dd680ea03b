/// A condition over the callbacks of a recent window that the operator wants to be told of,
/// written in the filter language: `status:failed|undelivered share>5% over 5m`.
public struct AlertRule: Sendable, CustomStringConvertible {
    /// What the rule counts.
    public enum Subject: Sendable {
        /// Accepted events the filter admits.
        case events(EventFilter)
        /// Refused requests with one of these reasons (`rejected:bad-signature`); nil for any.
        case rejections(Set<RejectionReason>?)
        /// Time since the last accepted callback.
        case silence
    }

    /// The figure a rule compares.
    public enum Measure: Sendable, Equatable {
        /// Percent of the window's callbacks the filter admits.
        case share
        /// Matching callbacks per `unit` (`/s`, `/min`, `/h`).
        case rate(unit: RateUnit)
        /// Matching callbacks or refusals in the window.
        case count
        /// Seconds since the last accepted callback.
        case silence
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">="
        case atMost = "<="
        case above = ">"
        case below = "<"

        /// Whether a window that counted nothing can hold: a rule that looks for a drop.
        var admitsZero: Bool { self == .below || self == .atMost }

        func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .above: value > threshold
            case .atLeast: value >= threshold
            case .below: value < threshold
            case .atMost: value <= threshold
            }
        }
    }

    /// The rule as written, trimmed: what names it on screen, in headless lines and in metrics.
    public let text: String
    public let subject: Subject
    public let measure: Measure
    public let comparison: Comparison
    /// Percent, per unit, a count, or seconds, as `measure` says.
    public let threshold: Double
    /// The window the rule counts over; for silence, the silence itself.
    public let windowSeconds: Int64
    /// Matching callbacks (rate, count) or callbacks in all (share) the window needs before the
    /// rule can hold: one failure of two is no failure spike.
    public let minimumCount: Int
    /// How long the condition holds before the rule fires (`for 2m`).
    public let holdSeconds: Int64

    public var description: String { text }

    /// Reads a rule; the error names the column and what was expected there.
    public init(parsing text: String) throws(AlertRuleError) {
        self = try AlertRuleParser(text).rule()
    }

    init(
        text: String, subject: Subject, measure: Measure, comparison: Comparison, threshold: Double, windowSeconds: Int64,
        minimumCount: Int, holdSeconds: Int64
    ) {
        self.text = text
        self.subject = subject
        self.measure = measure
        self.comparison = comparison
        self.threshold = threshold
        self.windowSeconds = windowSeconds
        self.minimumCount = minimumCount
        self.holdSeconds = holdSeconds
    }

    /// The rule's figure from what its window counted; nil while the window has too few
    /// callbacks to say anything.
    func value(matched: Int, total: Int, silentSeconds: Int64) -> Double? {
        switch measure {
        case .silence:
            return Double(silentSeconds)
        case .share:
            guard total >= minimumCount, total > 0 else { return nil }
            return Double(matched) * 100 / Double(total)
        case .rate(let unit):
            guard matched >= minimumCount else { return nil }
            return Double(matched) * Double(unit.seconds) / Double(windowSeconds)
        case .count:
            guard matched >= minimumCount else { return nil }
            return Double(matched)
        }
    }

    /// The unit of the rule's figure, for a reader of headless lines: `%`, `/min`, `s`, or none.
    public var unit: String {
        switch measure {
        case .share: "%"
        case .rate(let unit): "/" + unit.rawValue
        case .count: ""
        case .silence: "s"
        }
    }
}

/// The unit a rate rule is written in.
public enum RateUnit: String, Sendable, CaseIterable {
    case second = "s"
    case minute = "min"
    case hour = "h"

    var seconds: Int64 {
        switch self {
        case .second: 1
        case .minute: 60
        case .hour: 3600
        }
    }
}
