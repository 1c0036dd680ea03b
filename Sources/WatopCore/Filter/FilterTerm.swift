/// One whitespace-separated part of a filter: alternatives joined by `|`, optionally negated
/// by a leading `-`. An event passes the term when any alternative matches (none, if negated).
struct FilterTerm: Sendable {
    var negated: Bool
    var alternatives: [FilterCondition]
    /// The term as typed, with its `-` and quotes: to name it in an error.
    var typed: Substring

    @inline(__always)
    func admits(_ event: borrowing CallbackEvent, forward: ForwardSummary?, message: MessageState?) -> Bool {
        // Each condition lent in place: a `for … in` loop, or even a subscript into the buffer,
        // would copy it and retain its pattern for every event.
        let matched = alternatives.withUnsafeBufferPointer { conditions in
            conditions.indices.contains { index in conditions.lend(index) { $0.matches(event, forward: forward, message: message) } }
        }
        return matched != negated
    }

    /// The term's verdict on a notice; nil when none of its alternatives speaks of notices.
    func admits(_ notice: Notice) -> Bool? {
        let verdicts = alternatives.compactMap { $0.verdict(on: notice) }
        guard !verdicts.isEmpty else { return nil }
        return verdicts.contains(true) != negated
    }

    /// Whether every alternative names a status (`status:failed|not-sent`), so that the term's
    /// verdict follows from the status alone.
    var testsOnlyStatus: Bool {
        alternatives.allSatisfy {
            if case .status = $0 { return true }
            return false
        }
    }

    /// Whether the term asks what the app made of the request (`fwd:`).
    var testsForwarding: Bool {
        alternatives.contains {
            if case .forward = $0 { return true }
            return false
        }
    }

    /// The verdict of a status-only term on events with this status code.
    func admits(_ code: StatusCode) -> Bool {
        let matched = alternatives.contains {
            if case .status(let status) = $0 { return StatusCode(status) == code }
            return false
        }
        return matched != negated
    }
}
