import Testing

@testable import WatopCore

@Suite struct StuckMessagesTests {
    private let now = UnixTime(seconds: 1_710_100_000)

    private func event(_ id: String, _ status: DeliveryStatus, secondsAgo: Int64, number: String? = "918000000001") -> CallbackEvent {
        CallbackEvent(receivedAt: UnixTime(seconds: now.seconds - secondsAgo), transport: .query, id: id, status: status, whatsappNumber: number)
    }

    private func table(_ events: [CallbackEvent], capacity: Int = 100) -> MessageTable {
        var table = MessageTable(capacity: capacity)
        for event in events { table.record(event, key: MessageKey(id: event.id)) }
        return table
    }

    @Test func pendingMessagesSilentPastTheLimitAreStuckByNumberAndAge() {
        let stuck = table([
            event("fresh", .sent, secondsAgo: 60), event("quarter", .sent, secondsAgo: 900),
            event("hours", .other("queued"), secondsAgo: 7200), event("days", .sent, secondsAgo: 3 * 86_400),
            event("other-number", .sent, secondsAgo: 1200, number: "918000000002"), event("no-number", .sent, secondsAgo: 1200, number: nil),
            event("delivered", .delivered, secondsAgo: 7200), event("failed", .failed, secondsAgo: 7200),
        ]).stuck(now: now, after: 600)
        #expect(stuck.total == 5)
        #expect(stuck.groups.map(\.number) == ["918000000001", Aggregates.unknownWhatsAppNumber, "918000000002"])
        #expect(stuck.groups[0].byAge == [1, 1, 1])
        #expect(stuck.groups[0].oldestAge == 3 * 86_400)
        #expect(stuck.afterSeconds == 600)
    }

    @Test func aLaterCallbackUnsticksAMessageOrRestartsItsSilence() {
        var table = table([event("a", .sent, secondsAgo: 3600), event("b", .sent, secondsAgo: 3600), event("c", .sent, secondsAgo: 3600)])
        #expect(table.stuck(now: now, after: 600).total == 3)
        table.record(event("a", .delivered, secondsAgo: 10), key: MessageKey(id: "a"))
        table.record(event("b", .other("warning"), secondsAgo: 10), key: MessageKey(id: "b"))
        #expect(table.stuck(now: now, after: 600).total == 1)
        // Silent again for long enough, the pending one is stuck again.
        #expect(table.stuck(now: UnixTime(seconds: now.seconds + 3600), after: 600).total == 2)
    }

    @Test func anEvictedMessageLeavesTheStuckCount() {
        let events = (0..<10).map { event("m\($0)", .sent, secondsAgo: 3600 - Int64($0)) }
        let table = table(events, capacity: 4)
        #expect(table.stuck(now: now, after: 600).total == 4)
    }

    @Test func theStoreSnapshotCountsThemAtTheMomentAskedAndTheSummarySaysSo() throws {
        let store = EventStore(capacity: 10, stuckAfterSeconds: 1800, startedAt: now)
        store.record(event("m1", .sent, secondsAgo: 3600))
        store.record(event("m2", .sent, secondsAgo: 600))
        #expect(store.snapshot(at: now).stuck.total == 1)
        #expect(store.snapshot(at: UnixTime(seconds: now.seconds + 1800)).stuck.total == 2)
        let line = try JSONParser.parse(Array(SummaryJSON.line(for: store.snapshot(at: now), now: now, unprinted: 0).utf8))
        #expect(line["summary"]?["messages"]?["stuck"] == .number("1"))
    }
}
