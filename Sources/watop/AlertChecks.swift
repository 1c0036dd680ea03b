import WatopCore

/// Checks the alert rules once a second, from whichever loop shows their outcome (the headless
/// printer, the dashboard's frames), and runs `--on-alert` for each change.
struct AlertChecks: Sendable {
    let monitor: AlertMonitor
    let hook: AlertHook?
    private var checkedSecond: Int64?

    init(monitor: AlertMonitor, hook: AlertHook?) {
        self.monitor = monitor
        self.hook = hook
    }

    /// The rules that fired or resolved, when a new second has begun since the last check.
    mutating func due(at now: UnixTime) -> [AlertTransition] {
        guard now.seconds != checkedSecond else { return [] }
        checkedSecond = now.seconds
        let changes = monitor.check(at: now)
        for change in changes { hook?.run(change) }
        return changes
    }
}
