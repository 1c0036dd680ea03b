import Testing

@testable import WatopCore

/// `stuck:` and `age:`: terms that judge an event by its message in the store's message table,
/// at the moment the filter is compiled (the injected clock).
@Suite struct MessageFilterTests {
    private let start = UnixTime(seconds: 1_710_100_000)

    private func at(_ seconds: Int64) -> UnixTime { UnixTime(seconds: start.seconds + seconds) }

    private func event(_ id: String, _ status: DeliveryStatus, at seconds: Int64) -> CallbackEvent {
        CallbackEvent(receivedAt: at(seconds), transport: .query, id: id, status: status, whatsappNumber: "918000000001")
    }

    /// The ids of the held events `text` admits at `now`, oldest first, one per event.
    private func admitted(_ text: String, in store: EventStore, now: Int64) throws -> [String] {
        let snapshot = store.snapshot(at: at(now))
        let filter = try EventFilter(parsing: text, now: at(now))
        let view = FilteredEvents(filter: filter, window: snapshot.events, messages: snapshot.messageStates)
        return (0..<view.count).reversed().compactMap { view.event(atRow: $0)?.id }
    }

    /// `queued` then `sent` at 0 s, both silent since; `sent` at 0 s then `delivered` at 900 s;
    /// `sent` at 1000 s; an inbound message at 0 s. Stuck after 10 minutes.
    private func store() -> EventStore {
        let store = EventStore(capacity: 100, stuckAfterSeconds: 600, startedAt: start)
        for event in [
            event("stalled", .other("queued"), at: 0), event("stalled", .sent, at: 0), event("delivered", .sent, at: 0),
            event("inbound", .inbound, at: 0), event("delivered", .delivered, at: 900), event("fresh", .sent, at: 1000),
        ] {
            store.record(event)
        }
        return store
    }

    @Test func aMessageSilentInSentBecomesStuckAndEveryOneOfItsEventsPasses() throws {
        let store = store()
        #expect(try admitted("stuck:", in: store, now: 599).isEmpty)
        #expect(try admitted("stuck:yes", in: store, now: 600) == ["stalled", "stalled"])
        #expect(try admitted("stuck:true", in: store, now: 1599) == ["stalled", "stalled"])
        #expect(try admitted("STUCK:", in: store, now: 1600) == ["stalled", "stalled", "fresh"])
        // The messages the Stuck view counts, once past the 10-second step it counts in.
        #expect(store.snapshot(at: at(1610)).stuck.total == 2)
    }

    @Test func aDeliveredMessageAndOneWithoutAnEntryAreNotStuck() throws {
        let store = store()
        #expect(try admitted("stuck:no", in: store, now: 1600) == ["delivered", "inbound", "delivered"])
        #expect(try admitted("-stuck:", in: store, now: 1600) == ["delivered", "inbound", "delivered"])
        #expect(try admitted("stuck:false status:sent", in: store, now: 1600) == ["delivered"])
    }

    @Test(
        "age compares the seconds since watop's first callback for the message, at the edges",
        arguments: [
            ("age:>=1000s", 1000, ["stalled", "stalled", "delivered", "delivered"]),
            ("age:>1000s", 1000, []),
            ("age>999s", 1000, ["stalled", "stalled", "delivered", "delivered"]),
            ("age:<=0s", 1000, ["fresh"]),
            ("age:<1s", 1000, ["fresh"]),
            ("age:<0s", 1000, []),
            ("age:>15m", 1000, ["stalled", "stalled", "delivered", "delivered"]),
            ("age:>1h", 3600, []),
            ("age:>1h", 3601, ["stalled", "stalled", "delivered", "delivered"]),
            ("age:>30m age:<1h", 3700, ["fresh"]),
            ("age:<5m|>1d", 1000, ["fresh"]),
            ("-age:>0s", 1000, ["inbound", "fresh"]),
        ])
    func ageBounds(text: String, now: Int64, expected: [String]) throws {
        #expect(try admitted(text, in: store(), now: now) == expected)
    }

    @Test func theVerdictIsThatOfTheMomentOfCompilingForEventsArrivingLater() throws {
        let store = store()
        let snapshot = store.snapshot(at: at(1600))
        var view = FilteredEvents(
            filter: try EventFilter(parsing: "stuck:", now: at(1600)), window: snapshot.events, messages: snapshot.messageStates)
        #expect(view.count == 3)
        // A stuck message's late `delivered` comes after its silence ended: not stuck.
        store.record(event("fresh", .delivered, at: 1700))
        view.update(to: store.snapshot(at: at(1700)).events)
        #expect(view.count == 3)
        #expect(view.event(atRow: 0)?.status == .sent)
    }

    @Test func anEvictedMessageHasNoAgeAndIsNotStuck() throws {
        let store = EventStore(capacity: 10, messagesKept: 1, stuckAfterSeconds: 600, startedAt: start)
        store.record(event("old", .sent, at: 0))
        store.record(event("new", .sent, at: 1))
        #expect(try admitted("stuck:", in: store, now: 3600) == ["new"])
        #expect(try admitted("age:>0s", in: store, now: 3600) == ["new"])
    }

    @Test func withoutTheMessageTableNoEventIsStuckOrHasAnAge() throws {
        let filter = try EventFilter(parsing: "stuck:", now: at(3600))
        #expect(filter.testsMessages && filter.countsFromNow && !filter.testsTime)
        #expect(!filter.matches(event("stalled", .sent, at: 0)))
        #expect(filter.matches(event("stalled", .sent, at: 0), message: MessageState(age: 3600, stuck: true)))
        #expect(!(try EventFilter(parsing: "age:<1h", now: at(3600))).matches(event("a", .sent, at: 0)))
        #expect(!(try EventFilter(parsing: "status:sent since:1h", now: at(3600))).testsMessages)
    }

    @Test func noticesPassOverTheseTerms() throws {
        let notice = Notice(receivedAt: at(0), format: .meta, kind: .template, subject: "welcome", text: "paused")
        #expect(try EventFilter(parsing: "stuck: age:>1h", now: at(3600)).matches(notice))
    }

    @Test(
        "a malformed stuck or age term says what it takes",
        arguments: [
            ("stuck:maybe", "stuck takes yes or no"),
            ("age:30m", "age needs >, <, >= or <= and a duration"),
            ("age:=30m", "age needs >, <, >= or <= and a duration"),
            ("age=30m", "age needs >, <, >= or <= and a duration"),
            ("age:>", "age takes a whole number and a unit"),
            ("age:>30x", "age takes a whole number and a unit"),
            ("age>-5m", "age takes a whole number and a unit"),
            ("stuck>1", "stuck cannot be compared with >: only price and age can"),
        ])
    func malformed(text: String, message: String) {
        #expect {
            _ = try EventFilter(parsing: text, now: at(0))
        } throws: { error in
            (error as? FilterError)?.message.contains(message) == true
        }
    }

    @Test func anAlertRuleRefusesTermsAboutTheMessage() {
        for rule in ["stuck: count>0 over 1m", "age:>30m rate>1/min over 5m"] {
            #expect(throws: AlertRuleError.self) { _ = try AlertRule(parsing: rule) }
        }
    }
}
