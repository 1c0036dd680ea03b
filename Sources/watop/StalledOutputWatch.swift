/// Says on stderr when accepted events' lines are left unprinted because stdout fell behind
/// (`--output-backlog`): soon after it starts, then at most every `warningInterval` while it
/// goes on (once per episode would hide that it goes on; once per check would flood stderr).
struct StalledOutputWatch {
    static let checkInterval = Duration.seconds(1)
    static let warningInterval = Duration.seconds(5)
    private var warnedOf = 0
    private var lastWarning: ContinuousClock.Instant?

    /// What to say about `unprinted` (all left out so far), if it grew since the last warning;
    /// `final` says it whatever the time.
    mutating func warning(unprinted: Int, final: Bool = false, now: ContinuousClock.Instant = .now) -> String? {
        guard unprinted > warnedOf else { return nil }
        if !final, let lastWarning, now - lastWarning < Self.warningInterval { return nil }
        warnedOf = unprinted
        lastWarning = now
        return "stdout is not keeping up: \(unprinted) accepted events were not printed so far "
            + "(they are still counted in the summary and /metrics, and journaled with --journal; see --output-backlog)"
    }
}
