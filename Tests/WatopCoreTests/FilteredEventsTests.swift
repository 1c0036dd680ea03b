import Testing
import WatopCore

private func event(_ number: Int, status: DeliveryStatus, price: String? = nil) -> CallbackEvent {
    CallbackEvent(
        receivedAt: UnixTime(seconds: 1_710_000_000 + Int64(number)), transport: .query, id: "m\(number):0",
        status: status, whatsappNumber: number % 2 == 0 ? "918000000001" : nil, errorCode: status == .failed ? "131047" : nil,
        price: price.flatMap { ReportedPrice(parsing: $0) })
}

private func statusOf(_ number: Int) -> DeliveryStatus { [.sent, .delivered, .read, .failed][number % 4] }

@Suite("Filtered events")
struct FilteredEventsTests {
    @Test("incremental updates give the same matches and totals as filtering from scratch", arguments: ["", "status:failed|read", "-price>0"])
    func incrementalEqualsFromScratch(text: String) throws {
        let filter = try EventFilter(parsing: text)
        let store = EventStore(capacity: 50, startedAt: UnixTime(seconds: 0))
        var incremental = FilteredEvents(filter: filter, window: store.snapshot().events)
        for number in 1...137 {
            store.record(event(number, status: statusOf(number), price: number % 3 == 0 ? "0.01" : nil))
            if number % 7 == 0 { incremental.update(to: store.snapshot().events) }
        }
        incremental.update(to: store.snapshot().events)
        let fresh = FilteredEvents(filter: filter, window: store.snapshot().events)

        #expect(incremental.count == fresh.count)
        #expect((0..<fresh.count).map { incremental.sequence(atRow: $0) } == (0..<fresh.count).map { fresh.sequence(atRow: $0) })
        #expect(incremental.tallies.statuses == fresh.tallies.statuses)
        #expect(incremental.tallies.errorCodes == fresh.tallies.errorCodes)
        #expect(incremental.tallies.senders == fresh.tallies.senders)
        #expect(incremental.tallies.price == fresh.tallies.price)
        #expect(incremental.tallies.events == fresh.count)
    }

    @Test(
        "a filter on status, read through the chunks' status column, admits exactly what testing every event admits",
        arguments: [
            "status:failed", "-status:read", "status:failed|queued code:1*", "-status:sent -status:delivered",
            "status:inbound", "status:read|fail*", "status:undelivered|not-sent -price>0", "-status:failed|read",
        ])
    func statusColumnAgreesWithTestingEveryEvent(text: String) throws {
        let filter = try EventFilter(parsing: text)
        // Several sealed chunks, the oldest partly overwritten, and a partial tail.
        let store = EventStore(capacity: 2500, startedAt: UnixTime(seconds: 0))
        let statuses: [DeliveryStatus] = [.sent, .delivered, .read, .failed, .queued, .undelivered, .notSent, .inbound]
        for number in 1...3700 {
            store.record(event(number, status: statuses[number * 7 % statuses.count], price: number % 5 == 0 ? "0.01" : nil))
        }
        let window = store.snapshot().events
        var expected: [UInt64] = []
        window.forEachNewestFirst { event in
            if filter.matches(event) { expected.append(event.sequence) }
            return true
        }
        let filtered = FilteredEvents(filter: filter, window: window)
        #expect(filtered.count == expected.count && !expected.isEmpty)
        #expect((0..<filtered.count).map { filtered.sequence(atRow: $0)! } == expected)
    }

    @Test("rows count from the newest match, and a sequence finds its row")
    func rowsAreNewestFirst() throws {
        let store = EventStore(capacity: 100, startedAt: UnixTime(seconds: 0))
        for number in 1...12 { store.record(event(number, status: statusOf(number))) }
        let failed = FilteredEvents(filter: try EventFilter(parsing: "status:failed"), window: store.snapshot().events)
        #expect(failed.count == 3)
        #expect(failed.sequence(atRow: 0) == 11)
        #expect(failed.sequence(atRow: 2) == 3)
        #expect(failed.row(of: 7) == 1)
        #expect(failed.row(of: 8) == nil)
        #expect(failed.sequence(atRow: 3) == nil)
    }
}
