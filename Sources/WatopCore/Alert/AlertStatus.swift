/// Where a rule stands, for the screen and the metrics.
public struct AlertStatus: Sendable, Equatable {
    public let rule: String
    public let measure: AlertRule.Measure
    public let firing: Bool
    /// The rule's figure at the last check; nil while its window has too few callbacks.
    public let value: Double?
    /// When it last fired or resolved; nil if it never has.
    public let changedAt: UnixTime?

    /// A figure with at most one decimal, as JSON and the screen write it.
    public static func decimal(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        let whole = String(tenths / 10)
        let fraction = abs(tenths % 10)
        guard fraction != 0 else { return whole }
        return (tenths < 0 && tenths > -10 ? "-" : "") + "\(whole).\(fraction)"
    }
}
