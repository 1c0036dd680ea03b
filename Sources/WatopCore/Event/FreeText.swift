/// A word a filter searches for anywhere in an event: its text fields, its status, its
/// provider and, for a word that could be part of one, its price.
///
/// Whether the word is in each named status and each provider is decided once, when the filter
/// is compiled: testing an event then searches only the event's own text.
struct FreeText: Sendable {
    let pattern: FilterPattern
    /// Set only when the text could be part of a price, so that events are not formatted for
    /// words that never match one.
    let searchesPrice: Bool
    private let namedStatuses: StatusSet
    /// The formats whose provider contains the word, by `CallbackFormat.slot`.
    private let formats: [Bool]

    init(_ text: Substring) {
        pattern = FilterPattern(containing: text)
        searchesPrice = text.allSatisfy { $0 == "." || $0.isASCII && $0.isNumber }
        let pattern = pattern
        namedStatuses = StatusSet { $0 != .other && pattern.matches($0.status.name) }
        // The provider is on every row of the list and is one of three words without digits,
        // so one more comparison finds `twilio` without ever turning a number search into a
        // match on a whole format (as `kaleyra-v1` would for `1`).
        formats = CallbackFormat.allCases.map { pattern.matches($0.provider) }
    }

    /// Whether the word is in a notice: what it is about, what happened, its kind or provider.
    func matches(_ notice: Notice) -> Bool {
        formats[notice.format.slot] || pattern.matches(notice.subject) || pattern.matches(notice.text)
            || pattern.matches(notice.kind.rawValue)
    }

    func matches(_ event: borrowing CallbackEvent) -> Bool {
        let code = event.statusCode
        if code == .other ? pattern.matches(event.status.name) : namedStatuses.contains(code) { return true }
        return formats[event.format.slot] || pattern.isFound(inAnyOf: event.anyTextField)
            || (searchesPrice && pattern.matches(event.price?.formatted()))
    }
}
