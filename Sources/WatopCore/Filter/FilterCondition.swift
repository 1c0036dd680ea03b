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

    /// - Parameter forward: the outcome of the event's request; only `forward` conditions read it.
    func matches(_ event: borrowing CallbackEvent, forward: ForwardSummary?) -> Bool {
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
        }
    }

    /// Whether the condition asks when the event was received.
    var testsTime: Bool {
        if case .received = self { return true }
        return false
    }

    /// Whether the condition's moment was counted from the time of compiling (`since:`).
    var countsFromNow: Bool {
        if case .received(let bound) = self { return bound.countsFromNow }
        return false
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
        // The parser compiles the others to `.status`, `.price`, `.forward`, `.country`, `.received`
        // or `.texts`.
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
        switch comparison {
        case .atLeast: return price >= amount
        case .atMost: return price <= amount
        case .greater: return price > amount
        case .less: return price < amount
        case .equal: return price == amount
        }
    }
}
