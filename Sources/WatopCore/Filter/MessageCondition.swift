/// `stuck:yes`, `age:>30m`: a test of the event's message as the message table holds it at the
/// moment the filter is applied, rather than of the event itself. Every event of a stuck
/// message passes `stuck:yes`, its `queued` as well as its `sent`.
enum MessageCondition: Sendable {
    /// Whether the message is stuck (`stuck:yes`) or not (`stuck:no`).
    case stuck(Bool)
    /// The message's age compared with a number of seconds (`age:>30m`).
    case age(PriceComparison.Operator, seconds: Int64)

    /// - Parameter state: the message's state; nil when the table does not hold it (an inbound
    ///   message, one evicted), which is not stuck and has no age.
    func matches(_ state: MessageState?) -> Bool {
        switch self {
        case .stuck(let wanted): (state?.stuck ?? false) == wanted
        case .age(let comparison, let seconds): state.map { comparison.compare($0.age, with: seconds) } ?? false
        }
    }

    /// `stuck:`, `stuck:yes`, `stuck:no` (also `true`, `false`).
    static func stuck(_ value: Substring) throws(FilterError) -> MessageCondition {
        switch value.lowercased() {
        case "", "yes", "true": .stuck(true)
        case "no", "false": .stuck(false)
        default: throw FilterError("stuck takes yes or no (or nothing, meaning yes), not \"\(value)\"")
        }
    }

    /// `age:>30m`, `age<5m`, `age:>=1h`: `comparison` is nil when the operator follows the colon.
    static func age(_ comparison: PriceComparison.Operator?, _ value: Substring) throws(FilterError) -> MessageCondition {
        let example = "as in age:>30m or age:<5m"
        let written = comparison ?? PriceComparison.Operator.allCases.first { value.hasPrefix($0.rawValue) }
        guard let written, written != .equal else {
            throw FilterError("age needs >, <, >= or <= and a duration, \(example)")
        }
        let duration = comparison == nil ? value.dropFirst(written.rawValue.count) : value
        guard let seconds = DurationText.seconds(duration) else {
            throw FilterError("age takes a whole number and a unit (s, m, h or d), \(example), not \"\(duration)\"")
        }
        return .age(written, seconds: seconds)
    }
}
