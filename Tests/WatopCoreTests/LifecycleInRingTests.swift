import Synchronization
import Testing
@testable import WatopCore

/// Keeps the latencies each accepted event completed, in order.
private final class LatencyRecorder: StoreObserver {
    private let recorded = Mutex<[LifecycleLatencies]>([])
    var completed: [LifecycleLatencies] { recorded.withLock { $0 } }
    func accepted(_ event: CallbackEvent, completing latencies: LifecycleLatencies) {
        recorded.withLock { $0.append(latencies) }
    }
    func rejected(_ reason: RejectionReason) {}
    func tolerated(_ quirk: ParsingQuirk) {}
    func forwarded(_ attempt: ForwardAttempt) {}
}

@Suite struct LifecycleInRingTests {
    @Test func unnamedStatusesAreDuplicatesOnlyOfTheSameText() {
        let store = EventStore(capacity: 100, startedAt: Samples.receivedAt)
        for status in [DeliveryStatus.other("deleted"), .other("warning"), .other("deleted")] {
            store.record(Samples.event(id: "m:0", status: status))
        }
        #expect(store.snapshot().duplicates == 1)
        #expect(store.lifecycle(of: "m:0")?.history.map(\.arrival) == [.inOrder, .inOrder, .duplicate])
    }

    @Test func theLifecycleListsTheCallbacksStillHeldAndRemembersTheRest() {
        let store = EventStore(capacity: 3, startedAt: Samples.receivedAt)
        store.record(Samples.event(id: "a:0", status: .sent))
        store.record(Samples.event(id: "b:0", status: .sent))
        store.record(Samples.event(id: "c:0", status: .sent))
        store.record(Samples.event(id: "a:0", status: .delivered))  // pushes out a's sent
        #expect(store.lifecycle(of: "a:0")?.history.map(\.status) == [.delivered])
        #expect(store.lifecycle(of: "a:0")?.current == .delivered)
        store.record(Samples.event(id: "a:0", status: .sent))  // a's sent left the ring, yet it was seen
        #expect(store.snapshot().duplicates == 1)
    }

    @Test func latenciesAreMeasuredAcrossOtherMessagesAndInEitherOrder() {
        let observer = LatencyRecorder()
        let store = EventStore(capacity: 100, startedAt: Samples.receivedAt, observer: observer)
        store.record(Samples.event(id: "a:0", status: .sent, at: 1_710_000_000))
        store.record(Samples.event(id: "b:0", status: .read, at: 1_710_000_001))
        store.record(Samples.event(id: "a:0", status: .read, at: 1_710_000_009))
        store.record(Samples.event(id: "a:0", status: .delivered, at: 1_710_000_004))  // late, after read
        store.record(Samples.event(id: "a:0", status: .delivered, at: 1_710_000_005))  // duplicate: nothing
        #expect(observer.completed == [
            LifecycleLatencies(), LifecycleLatencies(), LifecycleLatencies(),
            LifecycleLatencies(sentToDelivered: 4_000, deliveredToRead: 5_000), LifecycleLatencies(),
        ])
    }

    @Test func aLongRunOfOneIDStaysBoundedAndCorrect() {
        let store = EventStore(capacity: 10_000, startedAt: Samples.receivedAt)
        for _ in 0..<5_000 { store.record(Samples.event(id: "flood:0", status: .sent)) }
        store.record(Samples.event(id: "flood:0", status: .read))
        #expect(store.snapshot().duplicates == 4_999)
        let lifecycle = store.lifecycle(of: "flood:0")
        #expect(lifecycle?.current == .read)
        #expect(lifecycle?.history.count == MessageLifecycle.historyLimit)
        #expect(lifecycle?.droppedObservations == 5_001 - MessageLifecycle.historyLimit)
    }
}
