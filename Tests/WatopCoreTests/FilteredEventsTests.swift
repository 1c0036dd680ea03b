import Testing
import WatopCore

private func event(_ number: Int, status: DeliveryStatus, price: String? = nil) -> CallbackEvent {
    CallbackEvent(
        receivedAt: UnixTime(seconds: 1_710_000_000 + Int64(number)), transport: .query, id: "m\(number):0",
        status: status, whatsappNumber: number % 2 == 0 ? "918000000001" : nil, errorCode: status == .failed ? "131047" : nil,
        price: price.flatMap { ReportedPrice(parsing: $0) })
}

private func statusOf(_ number: Int) -> DeliveryStatus { [.sent, .delivered, .read, .failed][number % 4] }

@Suite struct FilteredEventsTests {
    @Test("incremental updates give the same matches and totals as filtering from scratch", arguments: ["", "status:failed|read", "-price>0"])
    func incrementalEqualsFromScratch(text: String) throws {
        let filter = try EventFilter(parsing: text, now: Samples.receivedAt)
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
        #expect(incremental.tallies.whatsappNumbers == fresh.tallies.whatsappNumbers)
        #expect(incremental.tallies.price == fresh.tallies.price)
        #expect(incremental.tallies.events == fresh.count)
    }

    @Test("a filter's rollups count the matches the buffer still holds, as counting them afresh does")
    func rollupsFollowTheMatchesHeld() throws {
        let filter = try EventFilter(parsing: "status:failed|read", now: Samples.receivedAt)
        let store = EventStore(capacity: 50, startedAt: UnixTime(seconds: 0))
        var incremental = FilteredEvents(filter: filter, window: store.snapshot().events)
        for number in 1...137 {
            store.record(event(number, status: statusOf(number)))
            if number % 7 == 0 { incremental.update(to: store.snapshot().events) }
        }
        incremental.update(to: store.snapshot().events)
        let now = UnixTime(seconds: 1_710_000_137)
        let buckets = incremental.rollups[.fiveMinutes].buckets(endingAt: now)
        #expect(buckets == FilteredEvents(filter: filter, window: store.snapshot().events).rollups[.fiveMinutes].buckets(endingAt: now))
        #expect(buckets.reduce(0) { $0 + $1.total } == incremental.count)
        #expect(buckets.reduce(0) { $0 + $1[.read] } == 12)
        #expect(FilteredEvents(filter: .everything, window: store.snapshot().events).rollups[.day].buckets(endingAt: now).allSatisfy { $0.total == 0 })
    }

    @Test(
        "a filter on status, read through the chunks' status column, admits exactly what testing every event admits",
        arguments: [
            "status:failed", "-status:read", "status:failed|queued code:1*", "-status:sent -status:delivered",
            "status:inbound", "status:read|fail*", "status:undelivered|not-sent -price>0", "-status:failed|read",
        ])
    func statusColumnAgreesWithTestingEveryEvent(text: String) throws {
        let filter = try EventFilter(parsing: text, now: Samples.receivedAt)
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
        let failed = FilteredEvents(filter: try EventFilter(parsing: "status:failed", now: Samples.receivedAt), window: store.snapshot().events)
        #expect(failed.count == 3)
        #expect(failed.sequence(atRow: 0) == 11)
        #expect(failed.sequence(atRow: 2) == 3)
        #expect(failed.row(of: 7) == 1)
        #expect(failed.row(of: 8) == nil)
        #expect(failed.sequence(atRow: 3) == nil)
    }

    /// Six forwarded requests of one event each: the app takes 1, refuses 2 with a 503 and 3
    /// with a 404, gives no answer to 4, and has not answered 5 and 6 yet.
    private func forwardedStore() throws -> (EventStore, [UInt64]) {
        let store = EventStore(capacity: 100, forwardRecordsKept: 100, startedAt: UnixTime(seconds: 0))
        var ids: [UInt64] = []
        for number in 1...6 {
            let batch = CallbackBatch(format: .kaleyraV1, events: CallbackEvents(event(number, status: .sent)))
            ids.append(store.recordForwarded(batch, method: "GET", target: "/callback", fingerprint: nil).id)
        }
        let at = UnixTime(seconds: 1)
        store.completeForward(ids[0], with: ForwardAttempt(startedAt: at, latencyMicroseconds: 900, status: 200))
        store.completeForward(ids[1], with: ForwardAttempt(startedAt: at, latencyMicroseconds: 900, status: 503))
        store.completeForward(ids[2], with: ForwardAttempt(startedAt: at, latencyMicroseconds: 900, status: 404))
        store.completeForward(ids[3], with: ForwardAttempt(startedAt: at, latencyMicroseconds: 900, status: nil, failure: "refused"))
        return (store, ids)
    }

    private func ids(_ view: FilteredEvents) -> [String] {
        (0..<view.count).compactMap { view.event(atRow: $0)?.id }.reversed()
    }

    @Test(
        "fwd: terms admit events by their request's outcome",
        arguments: [
            ("fwd:ok", ["m1:0"]), ("fwd:failed", ["m2:0", "m3:0", "m4:0"]), ("fwd:5xx", ["m2:0"]),
            ("fwd:4xx|5xx", ["m2:0", "m3:0"]), ("fwd:queued", ["m5:0", "m6:0"]), ("-fwd:ok fwd:failed", ["m2:0", "m3:0", "m4:0"]),
            ("fwd:none", []),
        ])
    func admitsByOutcome(text: String, expected: [String]) throws {
        let (store, _) = try forwardedStore()
        let snapshot = store.snapshot()
        let view = FilteredEvents(filter: try EventFilter(parsing: text, now: Samples.receivedAt), window: snapshot.events, forwards: snapshot.forwards)
        #expect(ids(view) == expected)
    }

    @Test("an outcome that changes after its event arrived changes what the filter shows")
    func followsOutcomesAsTheyChange() throws {
        let (store, ids) = try forwardedStore()
        let filter = try EventFilter(parsing: "fwd:ok", now: Samples.receivedAt)
        var view = FilteredEvents(filter: filter, window: store.snapshot().events, forwards: store.snapshot().forwards)
        #expect(self.ids(view) == ["m1:0"])
        store.completeForward(ids[4], with: ForwardAttempt(startedAt: UnixTime(seconds: 2), latencyMicroseconds: 500, status: 204))
        let later = store.snapshot()
        view.update(to: later.events, forwards: later.forwards)
        #expect(self.ids(view) == ["m1:0", "m5:0"])
        #expect(view.tallies.events == 2)
    }

    @Test("fwd: with a value it does not take says which it takes")
    func unknownValueIsRefused() {
        #expect(throws: FilterError.self) { try EventFilter(parsing: "fwd:delivered", now: Samples.receivedAt) }
        do {
            _ = try EventFilter(parsing: "fwd:delivered", now: Samples.receivedAt)
        } catch {
            #expect(error.description.contains("ok, failed, queued, dead"))
        }
    }

    @Test("without forwarding, fwd:none admits every event and fwd:ok none")
    func withoutForwarding() throws {
        let store = EventStore(capacity: 10, startedAt: UnixTime(seconds: 0))
        for number in 1...3 { store.record(event(number, status: .sent)) }
        let window = store.snapshot().events
        #expect(FilteredEvents(filter: try EventFilter(parsing: "fwd:none", now: Samples.receivedAt), window: window).count == 3)
        #expect(FilteredEvents(filter: try EventFilter(parsing: "fwd:ok", now: Samples.receivedAt), window: window).count == 0)
    }
}
