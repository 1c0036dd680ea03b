/// One whitespace-separated part of a filter: alternatives joined by `|`, optionally negated
/// by a leading `-`. An event passes the term when any alternative matches (none, if negated).
struct FilterTerm: Sendable {
    var negated: Bool
    var alternatives: [FilterCondition]

    @inline(__always)
    func admits(_ event: CallbackEvent) -> Bool {
        var matched = false
        for condition in alternatives where condition.matches(event) {
            matched = true
            break
        }
        return matched != negated
    }
}
