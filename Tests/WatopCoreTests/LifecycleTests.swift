import Testing

@testable import WatopCore

@Suite struct LifecycleTests {
    /// A store that received `statuses` for one message, 5 s apart, with other messages'
    /// callbacks between them (so that links skip over events of other messages).
    private func track(_ statuses: [DeliveryStatus], id: String = "m:0") -> Tracked {
        let store = EventStore(capacity: 1000, startedAt: Samples.receivedAt)
        for (offset, status) in statuses.enumerated() {
            store.record(Samples.event(id: id, status: status, at: 1_710_000_000 + Int64(offset) * 5))
            store.record(Samples.event(id: "other-\(offset):0", status: .read))
        }
        return Tracked(store: store)
    }

    private struct Tracked {
        let store: EventStore
        func lifecycle(of id: String) -> MessageLifecycle? { store.lifecycle(of: id) }
        var outOfOrder: Int { store.snapshot().outOfOrder }
        var duplicates: Int { store.snapshot().duplicates }
    }

    @Test func inOrderCallbacksMoveTheMessageForward() {
        let tracker = track([.sent, .delivered, .read])
        let lifecycle = tracker.lifecycle(of: "m:0")
        #expect(lifecycle?.current == .read)
        #expect(lifecycle?.timeToDelivered == 5_000)
        #expect(lifecycle?.timeToRead == 10_000)
        #expect(tracker.outOfOrder == 0 && tracker.duplicates == 0)
    }

    @Test func lateDeliveredDoesNotDowngradeRead() {
        let tracker = track([.sent, .read, .delivered])
        let lifecycle = tracker.lifecycle(of: "m:0")
        #expect(lifecycle?.current == .read)
        #expect(lifecycle?.history.map(\.arrival) == [.inOrder, .inOrder, .outOfOrder])
        #expect(tracker.outOfOrder == 1)
    }

    @Test func deliveredBeforeSentIsRecordedButCurrentStaysDelivered() {
        let tracker = track([.delivered, .sent])
        #expect(tracker.lifecycle(of: "m:0")?.current == .delivered)
        #expect(tracker.lifecycle(of: "m:0")?.history.map(\.status) == [.delivered, .sent])
        #expect(tracker.outOfOrder == 1)
    }

    @Test func skippedDeliveredStillReachesRead() {
        let tracker = track([.sent, .read])
        #expect(tracker.lifecycle(of: "m:0")?.current == .read)
        #expect(tracker.lifecycle(of: "m:0")?.timeToDelivered == nil)
        #expect(tracker.outOfOrder == 0)
    }

    @Test func duplicatesAreCountedNotAppliedTwice() {
        let tracker = track([.sent, .sent, .delivered, .delivered])
        #expect(tracker.duplicates == 2)
        #expect(tracker.lifecycle(of: "m:0")?.current == .delivered)
    }

    @Test(arguments: [DeliveryStatus.failed, .notSent])
    func terminalStatusesAreNeverLeft(terminal: DeliveryStatus) {
        let tracker = track([.sent, terminal, .delivered, .read])
        #expect(tracker.lifecycle(of: "m:0")?.current == terminal)
        #expect(tracker.outOfOrder == 2)
    }

    @Test func aFailureAfterASuccessfulSendIsShown() {
        #expect(track([.sent, .delivered, .failed]).lifecycle(of: "m:0")?.current == .failed)
    }

    @Test func historyIsBoundedPerMessage() {
        let tracker = track(Array(repeating: .sent, count: MessageLifecycle.historyLimit + 8))
        let lifecycle = tracker.lifecycle(of: "m:0")
        #expect(lifecycle?.history.count == MessageLifecycle.historyLimit)
        #expect(lifecycle?.droppedObservations == 8)
    }

    @Test func aMessageIsForgottenWhenItsLastEventLeavesTheRing() {
        let store = EventStore(capacity: 3, startedAt: Samples.receivedAt)
        store.record(Samples.event(id: "a:0", status: .sent))
        store.record(Samples.event(id: "a:0", status: .delivered))
        store.record(Samples.event(id: "b:0", status: .sent))
        #expect(store.lifecycle(of: "a:0")?.current == .delivered)
        store.record(Samples.event(id: "c:0"))  // pushes out a's sent; a's delivered is still held
        #expect(store.lifecycle(of: "a:0") != nil)
        store.record(Samples.event(id: "d:0"))  // pushes out a's delivered
        #expect(store.lifecycle(of: "a:0") == nil)
        #expect(store.snapshot().messagesTracked == 3)
        // All-time counters are not affected by forgetting.
        #expect(store.snapshot().aggregates.accepted == 5)
    }
}
