import Testing

@testable import WatopCore

@Suite struct AggregateTests {
    @Test func countsStayExactOverEveryEventAfterTheRingWraps() {
        let store = EventStore(capacity: 10, startedAt: Samples.receivedAt)
        let statuses: [DeliveryStatus] = [.sent, .delivered, .read, .failed, .notSent, .other("queued")]
        for index in 0..<10_000 {
            let status = statuses[index % statuses.count]
            store.record(
                Samples.event(
                    id: "m\(index):0", status: status, whatsappNumber: index % 2 == 0 ? "9180" : "9190",
                    errorCode: status == .failed ? "131047" : nil, price: status == .delivered ? "0.01" : nil,
                    at: 1_710_000_000 + Int64(index / 1000)))
        }
        let snapshot = store.snapshot()
        let totals = snapshot.aggregates
        #expect(totals.accepted == 10_000)
        #expect(totals.statuses.total == 10_000)
        // 10,000 = 6 × 1,666 + 4: the first four statuses of the cycle get one more.
        let expected = [1667, 1667, 1667, 1667, 1666, 1666]
        #expect(statuses.map { totals.statuses.count(of: $0) } == expected)
        #expect(totals.price.total.formatted() == "16.67")
        #expect(totals.price.pricedEvents == 1667)
        #expect(totals.priceByStatus[.delivered]?.pricedEvents == 1667)
        #expect(totals.errorCodes["131047"]?.count == totals.statuses.count(of: .failed))
        let whatsappNumbers = totals.whatsappNumbers
        #expect(whatsappNumbers["9180"]!.statuses.total + whatsappNumbers["9190"]!.statuses.total == 10_000)
        #expect(whatsappNumbers["9180"]!.price.total + whatsappNumbers["9190"]!.price.total == totals.price.total)
        #expect(snapshot.events.count == 10)
        #expect(snapshot.overwritten == 9_990)
    }

    @Test func aLateReadAfterTheRingForgotItsMessageIsNoNewMessage() {
        let store = EventStore(capacity: 2, messagesKept: 10, startedAt: Samples.receivedAt)
        store.record(Samples.event(id: "m1:0", status: .sent))
        for index in 0..<5 { store.record(Samples.event(id: "other\(index):0", status: .sent)) }
        store.record(Samples.event(id: "m1:0", status: .read))
        let messages = store.snapshot().messages
        #expect(messages.total.seen == 6)
        #expect(messages.total.read == 1 && messages.total.pending == 5)
        #expect(messages.capacity == 10 && messages.evicted == 0)
    }

    @Test func errorCodesKeepTheLastTextAndTime() {
        var totals = Aggregates()
        totals.add(Samples.event(status: .failed, errorCode: "131026", error: "first", at: 100))
        totals.add(Samples.event(status: .failed, errorCode: "131026", error: "second", at: 200))
        totals.add(Samples.event(status: .failed, errorCode: "131026", error: nil, at: 300))
        let tally = totals.errorCodes["131026"]
        #expect(tally?.count == 3)
        #expect(tally?.lastErrorText == "second")
        #expect(tally?.lastSeen == UnixTime(seconds: 300))
    }

    @Test func eventsWithoutAWhatsAppNumberAreCountedUnderUnknown() {
        var totals = Aggregates()
        totals.add(Samples.event(whatsappNumber: nil))
        #expect(totals.whatsappNumbers[Aggregates.unknownWhatsAppNumber]?.statuses.count(of: .sent) == 1)
    }

    @Test func checkpointsKeepTheWhatsAppNumbersAndReadThoseOfEarlierVersions() throws {
        var totals = Aggregates()
        totals.add(Samples.event(whatsappNumber: "9180", price: "0.01"))
        let written = AggregatesJSON.object(for: totals)
        #expect(written.contains(#""whatsapp_numbers":{"9180":"#))
        let older = written.replacingOccurrences(of: #""whatsapp_numbers":"#, with: #""senders":"#)
        for text in [written, older] {
            let read = try AggregatesJSON.totals(from: JSONParser.parse(Array(text.utf8)))
            #expect(read.whatsappNumbers["9180"]?.statuses.count(of: .sent) == 1)
            #expect(read.whatsappNumbers["9180"]?.price.pricedEvents == 1)
        }
    }

    @Test func rejectionsAreCountedByReason() {
        let store = EventStore(capacity: 10, startedAt: Samples.receivedAt)
        store.recordRejection(.malformedBody)
        store.recordRejection(.malformedBody)
        store.recordRejection(.unknownPath)
        let totals = store.snapshot().aggregates
        #expect(totals.rejections == [.malformedBody: 2, .unknownPath: 1])
        #expect(totals.rejected == 3)
        #expect(totals.accepted == 0)
    }

    @Test func theLastRejectedRequestOfEachReasonIsKeptWithinItsByteLimit() {
        let store = EventStore(capacity: 10, startedAt: Samples.receivedAt)
        func request(_ id: String, bodyBytes: Int = 0) -> RawRequest {
            RawRequest(
                method: "POST", target: "/callback?id=\(id)", headers: [("Host", "h")],
                body: Array(repeating: UInt8(ascii: "x"), count: bodyBytes))
        }
        store.recordRejection(RejectedRequest(CallbackRejection(.malformedBody, "first"), receivedAt: Samples.receivedAt, request: request("1")))
        store.recordRejection(
            RejectedRequest(CallbackRejection(.malformedBody, "second"), receivedAt: Samples.receivedAt, request: request("2", bodyBytes: 1 << 20)))
        store.recordRejection(.unknownPath)
        let snapshot = store.snapshot()
        #expect(snapshot.aggregates.rejections == [.malformedBody: 2, .unknownPath: 1])
        #expect(Array(snapshot.lastRejected.keys) == [.malformedBody])
        let last = snapshot.lastRejected[.malformedBody]
        #expect(last?.message == "second")
        #expect(last?.bodyCount == 1 << 20)
        #expect(last?.request?.target == "/callback?id=2")
        #expect((last?.request?.byteCount ?? .max) <= RejectedRequest.byteLimit)
        #expect((last?.request?.bodyCount ?? 0) > RejectedRequest.byteLimit / 2)
    }

    @Test func ratesCoverTheLastOneTenAndSixtySeconds() {
        var meter = RateMeter()
        let now = UnixTime(seconds: 1000)
        for second in 940..<1000 { meter.record(at: UnixTime(seconds: Int64(second)), count: 10) }
        meter.record(at: UnixTime(seconds: 999), count: 20)
        meter.record(at: now, count: 500)  // the current, partial second is not counted yet
        #expect(meter.rate(overLast: 1, now: now) == 30)
        #expect(meter.rate(overLast: 10, now: now) == 12)
        #expect(meter.rate(overLast: 60, now: now) == (600 + 20) / 60.0)
        #expect(meter.history(now: now).count == 60)
        #expect(meter.history(now: now).last == 30)
        #expect(meter.rate(overLast: 60, now: UnixTime(seconds: 5000)) == 0)
    }

    @Test func onlyTheNewestEventsKeepTheirRequest() throws {
        let store = EventStore(capacity: 10, requestsKept: 3, startedAt: Samples.receivedAt)
        let webhook = try ProviderSamples.parse(ProviderSamples.post(ProviderSamples.metaMultiStatus))
        let single = try CallbackParser.parse(Samples.get(Samples.seedQuery), receivedAt: Samples.receivedAt)
        store.record(single)
        store.record(webhook)
        let newest = try #require(store.snapshot().events.newestSequence)
        #expect(webhook.events.count >= 3)
        // The webhook's events share its one request; the single callback's has been let go.
        let shared = try #require(webhook.request)
        for sequence in (newest - 2)...newest { #expect(store.request(of: sequence)?.isSameRequest(as: shared) == true) }
        #expect(store.request(of: 1) == nil)
        #expect(store.request(of: newest + 1) == nil)
        let keepsNone = EventStore(capacity: 10, requestsKept: 0, startedAt: Samples.receivedAt)
        keepsNone.record(single)
        #expect(keepsNone.request(of: 1) == nil)
        // No request outlives its event.
        let small = EventStore(capacity: 2, requestsKept: 100, startedAt: Samples.receivedAt)
        for _ in 0..<3 { small.record(single) }
        #expect(small.request(of: 1) == nil && small.request(of: 2) != nil && small.request(of: 3) != nil)
    }

    @Test func keptRequestsStayWithinTheirByteLimit() throws {
        let single = try CallbackParser.parse(Samples.get(Samples.seedQuery), receivedAt: Samples.receivedAt)
        let request = try #require(single.request)
        let store = EventStore(
            capacity: 100, requestsKept: 100, requestBytesKept: 3 * request.byteCount, startedAt: Samples.receivedAt)
        for _ in 0..<10 {
            let copy = RawRequest(method: request.method, target: request.target, headers: request.headers, body: request.body)
            store.record(single.events[0], request: copy)
        }
        // Ten distinct requests of `size` bytes, room for three: the newest three are kept.
        #expect((1...7).allSatisfy { store.request(of: $0) == nil })
        #expect((8...10).allSatisfy { store.request(of: $0) != nil })
        // One request larger than the limit is still kept for its own newest event.
        let tiny = EventStore(capacity: 10, requestsKept: 10, requestBytesKept: 1, startedAt: Samples.receivedAt)
        tiny.record(single)
        tiny.record(single)
        #expect(tiny.request(of: 1) == nil && tiny.request(of: 2) != nil)
        // A webhook's events share one request, counted once: all of them keep it.
        let webhook = try ProviderSamples.parse(ProviderSamples.post(ProviderSamples.metaMultiStatus))
        let shared = EventStore(
            capacity: 100, requestsKept: 100, requestBytesKept: try #require(webhook.request).byteCount,
            startedAt: Samples.receivedAt)
        shared.record(webhook)
        #expect((1...UInt64(webhook.events.count)).allSatisfy { shared.request(of: $0) != nil })
    }

    @Test func theOutboxHandsOverEveryAcceptedEventOnce() {
        let store = EventStore(capacity: 2, outboxLimit: 10, startedAt: Samples.receivedAt)
        for index in 0..<5 { store.record(Samples.event(id: "o\(index):0")) }
        #expect(store.drainOutbox().map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(store.drainOutbox().isEmpty)
        // A reader that hands its array back gets the next events in it, and only those.
        var events = [Samples.event(id: "stale:0")]
        store.record(Samples.event(id: "o5:0"))
        store.drainOutbox(into: &events)
        #expect(events.map(\.sequence) == [6])
        store.drainOutbox(into: &events)
        #expect(events.isEmpty)
    }

    @Test func aFullOutboxCountsWhatItLeavesOutAndStillRecordsIt() {
        let store = EventStore(capacity: 100, outboxLimit: 3, startedAt: Samples.receivedAt)
        for index in 0..<8 { store.record(Samples.event(id: "full\(index):0")) }
        #expect(store.outboxLeftOut == 5)
        var events: [CallbackEvent] = []
        store.drainOutbox(into: &events)
        #expect(events.map(\.sequence) == [1, 2, 3])
        // Everything left out is still accepted and held.
        let snapshot = store.snapshot()
        #expect(snapshot.aggregates.accepted == 8 && snapshot.events.count == 8)
        // A drained outbox has room again; the count is of all left out.
        for index in 8..<12 { store.record(Samples.event(id: "full\(index):0")) }
        #expect(store.outboxLeftOut == 6)
        store.drainOutbox(into: &events)
        #expect(events.map(\.sequence) == [9, 10, 11])
    }

    @Test func aStoreWithoutAnOutboxQueuesNothing() {
        let store = EventStore(capacity: 10, startedAt: Samples.receivedAt)
        store.record(Samples.event())
        var events: [CallbackEvent] = []
        store.drainOutbox(into: &events)
        #expect(events.isEmpty && store.outboxLeftOut == 0)
    }

    @Test func theSummaryLineHasExactTotals() throws {
        let store = EventStore(capacity: 10, startedAt: Samples.receivedAt)
        store.record(Samples.event(status: .delivered, price: "0.1"))
        store.record(Samples.event(status: .delivered, price: "0.2"))
        store.record(Samples.event(id: "m2:0", status: .read))
        store.record(Samples.event(id: "m3:0", status: .notSent))
        store.record(Samples.event(id: "m4:0", status: .queued))
        store.recordRejection(.invalidPrice)
        let line = SummaryJSON.line(for: store.snapshot(), now: UnixTime(seconds: 1_710_000_060), unprinted: 7)
        let summary = try JSONParser.parse(Array(line.utf8))["summary"]
        #expect(summary?["accepted"] == .number("5"))
        #expect(summary?["reported_price"] == .string("0.3"))
        let messages = ["seen": "4", "reached": "2", "read": "1", "failed": "1", "pending": "1", "evicted": "0"]
        for (key, value) in messages { #expect(summary?["messages"]?[key] == .number(value), "\(key)") }
        #expect(summary?["statuses"]?["delivered"] == .number("2"))
        #expect(summary?["rejected"]?["invalid-price"] == .number("1"))
        #expect(summary?["uptime_seconds"] == .number("10"))
        #expect(summary?["unprinted"] == .number("7"))
    }
}
