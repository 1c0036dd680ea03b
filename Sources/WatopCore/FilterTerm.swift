/// One whitespace-separated part of a filter: alternatives joined by `|`, optionally negated
/// by a leading `-`. An event passes the term when any alternative matches (none, if negated).
struct FilterTerm: Sendable {
    var negated: Bool
    var alternatives: [FilterCondition]

    @inline(__always)
    func admits(_ event: CallbackEvent) -> Bool {
        // Visited in place: a `for … in` loop would copy each condition, retaining its pattern.
        let matched = alternatives.withUnsafeBufferPointer { conditions in
            conditions.indices.contains { conditions[$0].matches(event) }
        }
        return matched != negated
    }
}
