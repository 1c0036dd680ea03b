/// A compiled event filter: terms that must all admit an event.
///
/// Compiled once from the text the user typed; `matches` then costs a few byte comparisons
/// per event and never allocates, so that a filter can be applied to a million buffered
/// events at once.
public struct EventFilter: Sendable, CustomStringConvertible {
    /// The text it was compiled from, trimmed.
    public let text: String
    let terms: [FilterTerm]
    /// The statuses the terms that test only the status can admit; nil when that is all of them.
    let statuses: StatusSet?
    /// Whether a term asks what the app made of the request (`fwd:`): the verdict then changes
    /// as attempts complete, so matches are found afresh rather than kept.
    public let testsForwarding: Bool
    /// Statuses the filter asks for by a name watop does not know (`status:bogus`), which a
    /// provider may still send: the screen says so when no event has one.
    public let unknownStatusNames: [String]
    /// Whether a term asks when the event was received (`since:`, `after:`, `before:`).
    public let testsTime: Bool
    /// Whether a term counts from the moment of compiling (`since:15m`, `after:14:05`) or judges
    /// messages as they stand then (`stuck:`): the same text compiled later is another filter,
    /// so applying it again moves it on.
    public let countsFromNow: Bool
    /// Whether a term asks how the event's message stands in the message table (`stuck:`,
    /// `age:`): the matches then need `MessageState`s, which a single event cannot tell.
    public let testsMessages: Bool
    /// The moment the filter was compiled at: time terms count from it, and `stuck:` and `age:`
    /// judge each message as it stands then. Judging them afresh each frame would look up
    /// every held event's message each frame, the cost of applying the filter again; like
    /// `since:`, the verdict is kept and applying the filter again moves it on.
    public let now: UnixTime

    /// The filter that admits every event.
    public static let everything = EventFilter(text: "", terms: [], now: UnixTime(milliseconds: 0))

    private init(text: String, terms: [FilterTerm], now: UnixTime) {
        self.text = text
        self.terms = terms
        self.now = now
        let statusTerms = terms.filter(\.testsOnlyStatus)
        let statuses = StatusSet { code in statusTerms.allSatisfy { $0.admits(code) } }
        self.statuses = statuses.isEverything ? nil : statuses
        testsForwarding = terms.contains(where: \.testsForwarding)
        testsTime = terms.contains { $0.alternatives.contains(where: \.testsTime) }
        countsFromNow = terms.contains { $0.alternatives.contains(where: \.countsFromNow) }
        testsMessages = terms.contains { $0.alternatives.contains(where: \.testsMessage) }
        unknownStatusNames = terms.filter { !$0.negated }.flatMap(\.alternatives).compactMap {
            if case .statusName(_, let typed) = $0 { return typed }
            return nil
        }
    }

    /// Compiles `text`; an empty text admits everything. `now` is the moment time terms count
    /// from (`since:15m`, a time without a date); the core has no clock of its own.
    public init(parsing text: String, now: UnixTime) throws(FilterError) {
        let trimmed = text.trimmingASCIIWhitespace()
        self.init(text: trimmed, terms: try FilterParser.terms(of: trimmed, now: now), now: now)
    }

    /// A filter's text narrowed to what was received from `start` until just before `end`:
    /// the terms of `text` but its time terms, then `after:` and `before:` with the two times
    /// (what Enter on a column of the Rates chart applies). A `text` that does not parse is
    /// left out whole.
    public static func text(_ text: String, from start: UnixTime, until end: UnixTime) -> String {
        let range = "after:\(start.iso8601.prefix(19)) before:\(end.iso8601.prefix(19))"
        guard let kept = FilterParser.untimed(text), !kept.isEmpty else { return range }
        return kept + " " + range
    }

    /// True when the filter admits every event.
    public var isEmpty: Bool { terms.isEmpty }

    /// Whether a notice passes: its free words and `provider:`/`format:` terms decide; terms
    /// about what only events have (a status, a number …) are passed over.
    public func matches(_ notice: Notice) -> Bool {
        terms.allSatisfy { $0.admits(notice) ?? true }
    }

    /// - Parameters:
    ///   - forward: the outcome of the event's request, read by `fwd:` terms alone.
    ///   - message: how the event's message stands at `now`, read by `stuck:` and `age:` alone.
    public func matches(_ event: borrowing CallbackEvent, forward: ForwardSummary? = nil, message: MessageState? = nil) -> Bool {
        // Each term lent in place: a `for … in` loop, or even a subscript into the buffer, would
        // copy it and retain its arrays once per event. Those atomic counts wait for the event
        // before's cold read to finish, so the reads of successive events could not overlap.
        terms.withUnsafeBufferPointer { terms in
            terms.indices.allSatisfy { index in terms.lend(index) { $0.admits(event, forward: forward, message: message) } }
        }
    }

    public var description: String { text }

    /// The syntax, one example per line with what it does: for help screens and the README.
    public static let syntax: [(example: String, meaning: String)] = [
        ("word", "free text: in any field or provider (letters ignore case)"),
        ("status:failed", "status is failed (queued, sent, delivered, read, failed, undelivered, not-sent, inbound …)"),
        ("to:91987*", "recipient (mobile or phone_number); * matches any characters"),
        ("from:9180*", "the WhatsApp number that sent it"),
        ("code:131047", "error code"),
        ("ref:order-42", "ref, ref1 or ref2"),
        ("id:ad97e*  msg:*deliv*  error:*", "message id, message text, error text"),
        ("price>0  price>=0.01  price=0", "reported price compared exactly (also <, <=)"),
        ("provider:twilio", "provider: kaleyra, meta or twilio"),
        ("format:kaleyra-v*", "payload format: kaleyra-v1, kaleyra-v2, meta or twilio"),
        ("country:IN  country:+91", "recipient's country, by its number's calling code (user ids and groups have none)"),
        ("category:marketing", "Meta's pricing category (marketing, utility, authentication, service …)"),
        ("pricing:regular", "Meta's pricing type: regular (charged), free_customer_service, free_entry_point"),
        ("since:15m", "received in the last 15 minutes (s, m, h or d), counted from when the filter is applied"),
        ("after:2026-12-01T10:00  before:14:05", "received at or after, or before, a UTC time; a time alone is the last one passed"),
        ("fwd:failed  fwd:5xx", "what the app made of it: ok, failed, queued, dead, 2xx … 5xx, none"),
        ("stuck:yes  stuck:no", "its message is stuck (queued or sent, silent over --stuck-after) as the filter is applied"),
        ("age:>30m  age:<=5m", "its message's age, from its first callback to when the filter is applied (>, <, >=, <=)"),
        ("-term", "negates a term: -status:read"),
        ("a|b", "alternatives in one term: status:failed|not-sent"),
        ("\"two words\"", "quoted text is searched literally"),
        ("term term", "terms separated by spaces must all match"),
    ]
}
