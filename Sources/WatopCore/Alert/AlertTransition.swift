/// A rule starting to fire, or resolving.
public struct AlertTransition: Sendable, Equatable {
    public enum State: String, Sendable {
        case firing
        case resolved
    }

    public let rule: String
    public let state: State
    /// The rule's figure when it changed (`unit` says in what).
    public let value: Double
    public let unit: String
    public let at: UnixTime

    /// The headless line: `{"type":"alert","rule":…,"state":"firing","value":7.5,"unit":"%","at":…}`.
    public var jsonLine: String {
        var out = JSONObjectWriter()
        out.string("type", "alert")
        out.string("rule", rule)
        out.string("state", state.rawValue)
        out.number("value", AlertStatus.decimal(value))
        out.string("unit", unit)
        out.time("at", at)
        return out.finished()
    }
}
