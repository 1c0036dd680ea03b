import NIOConcurrencyHelpers

/// Keeps every alert rule's counters as the store takes callbacks, and decides once a second
/// (`check`) which rules fire or resolve.
///
/// Per accepted event it tests each event rule's filter and adds to one bucket: with no rules
/// it costs a lock and nothing more. A rule fires once its condition has held for its `for`
/// time at every check, and resolves once the condition has not held for the whole of its
/// window, so a figure wavering around the threshold from one bucket to the next does not flap;
/// a silence rule resolves as soon as a callback arrives.
public final class AlertMonitor: StoreObserver {
    private struct Tracked {
        let rule: AlertRule
        var counts: AlertCounts
        var firing = false
        var value: Double?
        /// Since when the condition has held, while not firing.
        var heldSince: UnixTime?
        /// Since when it has not held, while firing.
        var clearSince: UnixTime?
        var changedAt: UnixTime?
    }

    private struct State {
        var rules: [Tracked]
        var lastAccepted: UnixTime?
    }

    public let rules: [AlertRule]
    private let startedAt: UnixTime
    private let state: NIOLockedValueBox<State>
    /// The monitor passes on what it observes, so the store keeps one observer.
    private let next: (any StoreObserver)?

    public init(rules: [AlertRule], startedAt: UnixTime, passingOnTo next: (any StoreObserver)? = nil) {
        self.rules = rules
        self.startedAt = startedAt
        self.next = next
        state = NIOLockedValueBox(
            State(rules: rules.map { Tracked(rule: $0, counts: AlertCounts(windowSeconds: $0.windowSeconds)) }))
    }

    public func accepted(_ event: CallbackEvent, completing latencies: LifecycleLatencies) {
        next?.accepted(event, completing: latencies)
        let second = event.receivedAt.seconds
        state.withLockedValue { state in
            state.lastAccepted = max(state.lastAccepted ?? event.receivedAt, event.receivedAt)
            for index in state.rules.indices {
                guard case .events(let filter) = state.rules[index].rule.subject else { continue }
                state.rules[index].counts.add(matched: filter.matches(event), at: second)
            }
        }
    }

    public func rejected(_ reason: RejectionReason) {
        next?.rejected(reason)
        rejected(reason, at: .now())
    }

    func rejected(_ reason: RejectionReason, at time: UnixTime) {
        state.withLockedValue { state in
            for index in state.rules.indices {
                guard case .rejections(let reasons) = state.rules[index].rule.subject else { continue }
                state.rules[index].counts.add(matched: reasons?.contains(reason) ?? true, at: time.seconds)
            }
        }
    }

    public func tolerated(_ quirk: ParsingQuirk) { next?.tolerated(quirk) }

    public func forwarded(_ attempt: ForwardAttempt) { next?.forwarded(attempt) }

    /// Evaluates every rule at `now`; returns the rules that fired or resolved since the last check.
    public func check(at now: UnixTime) -> [AlertTransition] {
        state.withLockedValue { state in
            let silentSeconds = max(0, now.seconds - (state.lastAccepted ?? startedAt).seconds)
            var transitions: [AlertTransition] = []
            for index in state.rules.indices {
                let rule = state.rules[index].rule
                let (matched, total) = state.rules[index].counts.window(endingAt: now.seconds)
                // Too little has been counted to say that something dropped until a whole window
                // has passed since start: `rate<1/min over 10m` must not fire at once.
                let wholeWindow = now.seconds - startedAt.seconds >= rule.windowSeconds
                let value =
                    rule.comparison.admitsZero && !wholeWindow
                    ? nil : rule.value(matched: matched, total: total, silentSeconds: silentSeconds)
                state.rules[index].value = value
                let holds = value.map { rule.comparison.holds($0, rule.threshold) } ?? false
                if let change = Self.step(&state.rules[index], holds: holds, now: now) {
                    transitions.append(
                        AlertTransition(rule: rule.text, state: change, value: value ?? 0, unit: rule.unit, at: now))
                }
            }
            return transitions
        }
    }

    private static func step(_ tracked: inout Tracked, holds: Bool, now: UnixTime) -> AlertTransition.State? {
        if holds {
            tracked.clearSince = nil
            guard !tracked.firing else { return nil }
            let since = tracked.heldSince ?? now
            tracked.heldSince = since
            guard now.seconds - since.seconds >= tracked.rule.holdSeconds else { return nil }
            tracked.firing = true
            tracked.heldSince = nil
            tracked.changedAt = now
            return .firing
        }
        tracked.heldSince = nil
        guard tracked.firing else { return nil }
        let since = tracked.clearSince ?? now
        tracked.clearSince = since
        let calm = tracked.rule.measure == .silence ? 0 : tracked.rule.windowSeconds
        guard now.seconds - since.seconds >= calm else { return nil }
        tracked.firing = false
        tracked.clearSince = nil
        tracked.changedAt = now
        return .resolved
    }

    /// Every rule's state at the last check, in the order the rules were given.
    public func statuses() -> [AlertStatus] {
        state.withLockedValue { state in
            state.rules.map {
                AlertStatus(rule: $0.rule.text, measure: $0.rule.measure, firing: $0.firing, value: $0.value, changedAt: $0.changedAt)
            }
        }
    }
}
