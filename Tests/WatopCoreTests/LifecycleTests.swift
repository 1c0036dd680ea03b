import Synchronization
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

    @Test(arguments: [DeliveryStatus.failed, .notSent, .undelivered, .canceled])
    func terminalStatusesAreNeverLeft(terminal: DeliveryStatus) {
        let tracker = track([.sent, terminal, .delivered, .read])
        #expect(tracker.lifecycle(of: "m:0")?.current == terminal)
        #expect(tracker.outOfOrder == 2)
    }

    /// Twilio's statuses before `sent` (twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks)
    /// and Meta's `played` after `read` (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/).
    @Test func everyNamedStepMovesTheMessageForwardInItsOrder() {
        let tracker = track([.accepted, .queued, .sending, .sent, .delivered, .read, .played])
        #expect(tracker.lifecycle(of: "m:0")?.current == .played)
        #expect(tracker.outOfOrder == 0)
        #expect(track([.played, .read]).outOfOrder == 1)
    }

    /// Meta's `warning` is no failure: a message goes on to be delivered and read after it.
    @Test func aWarningIsNeitherAFailureNorTheEnd() {
        let tracker = track([.sent, .warning, .delivered, .read])
        #expect(tracker.lifecycle(of: "m:0")?.current == .read)
        #expect(tracker.outOfOrder == 0)
        #expect(!DeliveryStatus.warning.isTerminal && StatusClass(.warning) == .pending)
    }

    @Test func eachNamedStatusFallsInTheClassItsProviderMeans() {
        let classes: [DeliveryStatus: StatusClass] = [
            .accepted: .pending, .scheduled: .pending, .sending: .pending, .warning: .pending, .deleted: .pending,
            .partiallyDelivered: .delivered, .played: .read, .canceled: .failed, .undelivered: .failed,
        ]
        for (status, statusClass) in classes { #expect(StatusClass(status) == statusClass, "\(status)") }
        #expect(DeliveryStatus.named.count == 15 && Set(DeliveryStatus.named.map(\.name)).count == 15)
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

    /// Lap after lap of the ring, the messages tracked are exactly those with an event held.
    @Test(arguments: [1, 5, 64])
    func theMessagesTrackedAreThoseStillHeld(capacity: Int) {
        let store = EventStore(capacity: capacity, startedAt: Samples.receivedAt)
        var recorded: [String] = []
        for index in 0..<(capacity * 7 + 3) {
            let id = "m\(index * index % 11):0"
            store.record(Samples.event(id: id))
            recorded.append(id)
            let held = recorded.suffix(capacity)
            #expect(store.snapshot().messagesTracked == Set(held).count)
            #expect(store.lifecycle(of: id)?.history.count == held.filter { $0 == id }.count)
        }
    }
}
