/// One test a filter term makes of an event, compiled from text such as `status:failed`,
/// `price>=0.01` or a bare word.
enum FilterCondition: Sendable {
    /// A documented status, compared as a value (so `not_sent` finds `not-sent`).
    case status(DeliveryStatus)
    /// Any other status text, or one with wildcards, compared with the status's name; `typed`
    /// is the text when it has no wildcard, to say so when no event has that status.
    case statusName(FilterPattern, typed: String?)
    /// A field that is not a callback field's text (`provider:`, `format:`).
    case field(FilterField, FilterPattern)
    /// The text fields a typed field stands for (`to:` is `mobile` or `phone_number`).
    case texts(TextFieldSet, FilterPattern)
    case price(PriceComparison)
    /// Free text: found in any field.
    case text(FreeText)
    /// What the app made of the event's request (`fwd:5xx`).
    case forward(ForwardCondition)
    /// The recipient's country (`country:IN`).
    case country(CountryCondition)
    /// When watop received it (`since:15m`, `after:…`, `before:…`).
    case received(TimeBound)
    /// How its message stands (`stuck:`, `age:>30m`).
    case message(MessageCondition)

    /// - Parameters:
    ///   - forward: the outcome of the event's request; only `forward` conditions read it.
    ///   - message: how the event's message stands; only `message` conditions read it.
    func matches(_ event: borrowing CallbackEvent, forward: ForwardSummary?, message: MessageState?) -> Bool {
        switch self {
        case .status(let status):
            return event.status == status
        case .statusName(let pattern, _):
            return pattern.matches(event.status.name)
        case .field(let field, let pattern):
            return Self.matches(field, of: event, pattern)
        case .texts(let fields, let pattern):
            // Tested in place, as bytes: a String of each would allocate per event.
            return fields.contains { field in event.withBytes(of: field) { !$0.isEmpty && pattern.matches($0) } }
        case .price(let comparison):
            return comparison.matches(event.price)
        case .text(let words):
            return words.matches(event)
        case .forward(let condition):
            return condition.matches(forward)
        case .country(let condition):
            return condition.matches(event)
        case .received(let bound):
            return bound.admits(event.receivedAt)
        case .message(let condition):
            return condition.matches(message)
        }
    }

    /// Whether the condition asks when the event was received.
    var testsTime: Bool {
        if case .received = self { return true }
        return false
    }

    /// Whether the condition asks how the event's message stands (`stuck:`, `age:`).
    var testsMessage: Bool {
        if case .message = self { return true }
        return false
    }

    /// Whether the condition's moment was counted from the time of compiling (`since:`), or
    /// it judges messages as they stand then (`stuck:`, `age:`).
    var countsFromNow: Bool {
        switch self {
        case .received(let bound): bound.countsFromNow
        case .message: true
        default: false
        }
    }

    /// The condition's verdict on a notice; nil for a condition about what only events have
    /// (a status, a number, a price …), which says nothing of notices.
    func verdict(on notice: Notice) -> Bool? {
        switch self {
        case .text(let words): words.matches(notice)
        case .field(.provider, let pattern): pattern.matches(notice.format.provider)
        case .field(.format, let pattern): pattern.matches(notice.format.rawValue)
        case .received(let bound): bound.admits(notice.receivedAt)
        default: nil
        }
    }

    private static func matches(_ field: FilterField, of event: borrowing CallbackEvent, _ pattern: FilterPattern) -> Bool {
        switch field {
        case .provider: pattern.matches(event.format.provider)
        case .format: pattern.matches(event.format.rawValue)
        // The parser compiles the others to `.status`, `.price`, `.forward`, `.country`, `.received`,
        // `.message` or `.texts`.
        default: false
        }
    }
}

/// `price>0`, `price<=0.01`, `price=0.0085`: an exact comparison with the reported price.
/// An event without a price never matches; `-price>0` finds those.
struct PriceComparison: Sendable {
    enum Operator: String, Sendable, CaseIterable {
        // Two-character operators first, so that `>=` is not read as `>` then `=0`.
        case atLeast = ">="
        case atMost = "<="
        case greater = ">"
        case less = "<"
        case equal = "="
    }

    var comparison: Operator
    var amount: ReportedPrice

    func matches(_ price: ReportedPrice?) -> Bool {
        guard let price else { return false }
        return comparison.compare(price, with: amount)
    }
}

extension PriceComparison.Operator {
    /// Whether `value` stands in this relation to `bound` (`value > bound` for `>`); `age:`
    /// compares with the same operators.
    func compare<Value: Comparable>(_ value: Value, with bound: Value) -> Bool {
        switch self {
        case .atLeast: value >= bound
        case .atMost: value <= bound
        case .greater: value > bound
        case .less: value < bound
        case .equal: value == bound
        }
    }
}
