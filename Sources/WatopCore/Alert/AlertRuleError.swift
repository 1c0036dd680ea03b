/// Why an alert rule could not be read: where, and what was expected there, as the filter
/// prompt says it.
public struct AlertRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule as written.
    public let rule: String
    /// One-based column of the word that could not be read.
    public let column: Int
    public let expected: String

    public var description: String { "alert rule \"\(rule)\": at column \(column): \(expected)" }
}
