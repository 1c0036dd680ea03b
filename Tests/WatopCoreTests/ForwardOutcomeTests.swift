import Synchronization
import Testing

@testable import WatopCore

@Suite struct ForwardOutcomeTests {
    /// Keeps what it is told, as the history writer does.
    final class Kept: ForwardOutcomeSink {
        let outcomes = Mutex<[ForwardOutcome]>([])
        func settled(_ outcome: ForwardOutcome) { outcomes.withLock { $0.append(outcome) } }
    }

    static let at = UnixTime(milliseconds: 1_800_000_000_000)

    @Test("each attempt at a journaled request tells the sink where it stands, by journal position")
    func journaledRequestsReachTheSink() {
        let store = EventStore(capacity: 10, forwardRecordsKept: 10, startedAt: Self.at)
        let kept = Kept()
        store.keepForwardOutcomes(in: kept)
        let first = store.recordForwarded(nil, method: "GET", target: "/a", fingerprint: 1, journalPosition: 0).id
        let second = store.recordForwarded(nil, method: "GET", target: "/b", fingerprint: 2, journalPosition: 412).id
        store.completeForward(second, with: ForwardAttempt(startedAt: Self.at, latencyMicroseconds: 12_345, status: 503))
        store.completeForward(second, with: ForwardAttempt(startedAt: Self.at, latencyMicroseconds: 900, status: nil, failure: "timed out"))
        store.completeForward(first, with: ForwardAttempt(startedAt: Self.at, latencyMicroseconds: 800, status: 200))
        #expect(
            kept.outcomes.withLock { $0 } == [
                ForwardOutcome(
                    journalPosition: 412, state: .refused, status: 503, attempts: 1, latencyMicroseconds: 12_345, attemptedAt: Self.at),
                ForwardOutcome(
                    journalPosition: 412, state: .failed, status: nil, failure: "timed out", attempts: 2, latencyMicroseconds: 900,
                    attemptedAt: Self.at),
                ForwardOutcome(journalPosition: 0, state: .delivered, status: 200, attempts: 1, latencyMicroseconds: 800, attemptedAt: Self.at),
            ])
    }

    @Test("a request with no journal, or no sink, tells nobody")
    func withoutAJournalNothingIsTold() {
        let store = EventStore(capacity: 10, forwardRecordsKept: 10, startedAt: Self.at)
        let unheard = store.recordForwarded(nil, method: "GET", target: "/a", fingerprint: 1, journalPosition: 7).id
        store.completeForward(unheard, with: ForwardAttempt(startedAt: Self.at, latencyMicroseconds: 1, status: 200))
        let kept = Kept()
        store.keepForwardOutcomes(in: kept)
        let unjournaled = store.recordForwarded(nil, method: "GET", target: "/b", fingerprint: 2).id
        store.completeForward(unjournaled, with: ForwardAttempt(startedAt: Self.at, latencyMicroseconds: 1, status: 200))
        #expect(kept.outcomes.withLock { $0 }.isEmpty)
    }

    @Test("a state's name reads back as the state; another word as none")
    func statesReadBackByName() {
        for state in ForwardState.allCases { #expect(ForwardState(name: state.name) == state) }
        #expect(ForwardState(name: "OK") == nil)
    }
}
