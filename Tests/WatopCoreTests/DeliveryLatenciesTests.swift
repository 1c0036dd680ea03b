import Testing

@testable import WatopCore

@Suite struct DeliveryLatenciesTests {
    private let now: Int64 = 1_710_100_000

    /// A callback received at `receivedAgo` seconds before `now`, stamped by the provider `sentAgo` … seconds before.
    private func event(_ id: String, _ status: DeliveryStatus, at providerSecond: Int64, receivedAgo: Int64 = 0, number: String = "918000000001")
        -> CallbackEvent
    {
        CallbackEvent(
            receivedAt: UnixTime(seconds: now - receivedAgo), transport: .query, id: id, status: status, whatsappNumber: number,
            timestamp: UnixTime(seconds: providerSecond))
    }

    private func table(_ events: [CallbackEvent]) -> MessageTable {
        var table = MessageTable(capacity: 1000)
        for event in events { table.record(event, key: MessageKey(id: event.id)) }
        return table
    }

    @Test func eachMessageCountsOnceWhicheverOrderItsCallbacksCome() {
        let base = now - 100
        let latencies = table([
            event("a", .sent, at: base), event("a", .delivered, at: base + 3), event("a", .read, at: base + 60),
            // Out of order: delivered before sent; a repeated delivered counts nothing more.
            event("b", .delivered, at: base + 9), event("b", .sent, at: base), event("b", .delivered, at: base + 20),
            // First seen delivered: no sent time, no sent→delivered.
            event("c", .delivered, at: base), event("c", .read, at: base + 5),
        ]).latencies(window: .fiveMinutes, now: UnixTime(seconds: now))
        #expect(latencies.overall.sentToDelivered.count == 2)
        #expect(latencies.overall.sentToDelivered.max == 9)
        #expect(latencies.overall.sentToDelivered.p50 == 3)
        #expect(latencies.overall.deliveredToRead.count == 2)
        #expect(latencies.overall.deliveredToRead.max == 57)
        #expect(latencies.numbers.map(\.number) == ["918000000001"])
    }

    @Test func percentilesAreExactToThirtyOneSecondsThenWithinASixteenth() {
        var events: [CallbackEvent] = []
        for index in 0..<100 {
            events += [event("m\(index)", .sent, at: now - 1000), event("m\(index)", .delivered, at: now - 1000 + Int64(index + 1))]
        }
        let figures = table(events).latencies(window: .hour, now: UnixTime(seconds: now)).overall.sentToDelivered
        #expect(figures.count == 100)
        #expect(abs(Double(figures.p50) - 50) / 50 <= 1.0 / 16)
        #expect(abs(Double(figures.p90) - 90) / 90 <= 1.0 / 16)
        #expect(abs(Double(figures.p99) - 99) / 99 <= 1.0 / 16)
        #expect(abs(Double(figures.max) - 100) / 100 <= 1.0 / 16)
    }

    @Test func aWindowForgetsWhatWasReceivedBeforeIt() {
        let latencies = table([
            event("old", .sent, at: now - 4000, receivedAgo: 3700), event("old", .delivered, at: now - 3990, receivedAgo: 3700),
            event("new", .sent, at: now - 100, receivedAgo: 60), event("new", .delivered, at: now - 98, receivedAgo: 60),
        ])
        let now = UnixTime(seconds: now)
        #expect(latencies.latencies(window: .fiveMinutes, now: now).overall.sentToDelivered.count == 1)
        #expect(latencies.latencies(window: .hour, now: now).overall.sentToDelivered.count == 1)
        #expect(latencies.latencies(window: .day, now: now).overall.sentToDelivered.count == 2)
    }

    @Test func numbersPastTheCapShareOneRowAndMemoryIsFixed() {
        var events: [CallbackEvent] = []
        for index in 0..<(LatencyRollups.maximumNumbers + 10) {
            let number = "9180000\(10000 + index)"
            events += [event("m\(index)", .sent, at: now - 10, number: number), event("m\(index)", .delivered, at: now - 5, number: number)]
        }
        let latencies = table(events).latencies(window: .day, now: UnixTime(seconds: now))
        #expect(latencies.numbers.count == LatencyRollups.maximumNumbers + 1)
        #expect(latencies.numbers.first { $0.number == DeliveryLatencies.otherNumbers }?.sentToDelivered.count == 10)
        #expect(latencies.overall.sentToDelivered.count == UInt64(LatencyRollups.maximumNumbers + 10))
        // What the doc comment states: about 1.6 KB a histogram.
        #expect(LatencyRollups.emptyHistogram.estimatedFootprintInBytes <= 1700)
    }
}
