/// Checks the alert rules once a second, from whichever loop shows their outcome (the headless
/// printer, the dashboard's frames), and hands each change to `onChange` (`--on-alert`).
public struct AlertChecks: Sendable {
    public let monitor: AlertMonitor
    private let onChange: (@Sendable (AlertTransition) -> Void)?
    private var checkedSecond: Int64?

    public init(monitor: AlertMonitor, onChange: (@Sendable (AlertTransition) -> Void)? = nil) {
        self.monitor = monitor
        self.onChange = onChange
    }

    /// The rules that fired or resolved, when a new second has begun since the last check.
    public mutating func due(at now: UnixTime) -> [AlertTransition] {
        guard now.seconds != checkedSecond else { return [] }
        checkedSecond = now.seconds
        let changes = monitor.check(at: now)
        if let onChange { changes.forEach(onChange) }
        return changes
    }
}
