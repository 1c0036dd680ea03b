import Testing

@testable import WatopCore

@Suite struct BreakdownTests {
    private static func event(
        _ id: String, _ status: DeliveryStatus, to mobile: String? = "919876543210", ref: String? = nil,
        category: String? = nil, type: String? = nil, code: String? = nil, price: String? = nil, format: CallbackFormat = .meta
    ) -> CallbackEvent {
        CallbackEvent(
            receivedAt: UnixTime(seconds: 1_760_000_000), format: format, transport: .json, method: "POST", id: id, status: status,
            mobile: mobile, errorCode: code, price: price.flatMap { ReportedPrice(parsing: $0) }, ref: ref,
            pricingCategory: category, pricingType: type)
    }

    private static func breakdown(capacity: Int = 100, cap: Int = Breakdown.defaultCap, _ events: [CallbackEvent]) -> Breakdown {
        var table = MessageTable(capacity: capacity, bounds: TableBounds(breakdownGroups: cap))
        for event in events { table.record(event, key: MessageKey(id: event.id)) }
        return table.breakdown
    }

    private static func row(_ rows: [BreakdownRow], _ group: BreakdownRow.Group) -> BreakdownRow? {
        rows.first { $0.group == group }
    }

    @Test("each message counts once per group, in the class of its furthest status, charged once")
    func messagesPerGroup() throws {
        let breakdown = Self.breakdown([
            Self.event("a", .sent, ref: "spring", category: "marketing", type: "regular"),
            Self.event("a", .delivered, ref: "spring", category: "marketing", type: "regular"),
            Self.event("a", .read, ref: "spring"),
            Self.event("b", .sent, ref: "spring", category: "utility", type: "free_customer_service"),
            Self.event("b", .failed, code: "131047"),
            Self.event("c", .sent, to: "14155550100", ref: "autumn", format: .twilio),
        ])
        let refs = breakdown.rows(of: .ref)
        let spring = try #require(Self.row(refs, .value("spring")))
        #expect(spring.messages.seen == 2 && spring.messages.read == 1 && spring.messages.failed == 1)
        #expect(spring.messages.charged == 1)
        #expect(spring.topError == "131047")
        #expect(Self.row(refs, .value("autumn"))?.messages.pending == 1)
        let countries = breakdown.rows(of: .country)
        #expect(Self.row(countries, .value("+91 IN"))?.messages.seen == 2)
        #expect(Self.row(countries, .value("+1 US/CA"))?.messages.seen == 1)
        #expect(Self.row(breakdown.rows(of: .provider), .value("twilio"))?.messages.seen == 1)
        #expect(Self.row(breakdown.rows(of: .pricing), .value("regular"))?.messages.charged == 1)
        #expect(Self.row(breakdown.rows(of: .pricing), .noValue)?.messages.seen == 1)
    }

    @Test("a message takes a group from the first event that names one, leaving none")
    func laterEventsFillGroups() throws {
        let breakdown = Self.breakdown([
            Self.event("a", .sent), Self.event("a", .failed, code: "131026"), Self.event("b", .sent),
        ])
        let codes = breakdown.rows(of: .errorCode)
        #expect(Self.row(codes, .value("131026"))?.messages.failed == 1)
        #expect(Self.row(codes, .noValue)?.messages == { var tally = MessageTally(); tally.add(.pending); return tally }())
        #expect(Self.row(breakdown.rows(of: .ref), .noValue)?.topError == "131026")
    }

    @Test("prices are summed per event in the groups of their message")
    func pricesPerGroup() {
        let breakdown = Self.breakdown([
            Self.event("a", .sent, category: "marketing", price: "0.01"), Self.event("a", .delivered, price: "0.02"),
            Self.event("b", .sent, category: "utility", price: "0.005"),
        ])
        let rows = breakdown.rows(of: .category)
        #expect(Self.row(rows, .value("marketing"))?.price.total == ReportedPrice(parsing: "0.03"))
        #expect(Self.row(rows, .value("utility"))?.price.pricedEvents == 1)
    }

    @Test("past the cap, further values count under other, and every total stays exact")
    func capsDistinctValues() {
        let events = (0..<5_000).map { Self.event("m\($0)", $0 % 2 == 0 ? .read : .failed, ref: "ref-\($0)", code: "\($0)") }
        let breakdown = Self.breakdown(capacity: 10_000, cap: 100, events)
        #expect(breakdown.groupCount(of: .ref) == 100)
        #expect(breakdown.groupCount(of: .errorCode) == 100)
        let rows = breakdown.rows(of: .ref)
        #expect(rows.count == 101)
        #expect(Self.row(rows, .other(beyond: 100))?.messages.seen == 4_900)
        #expect(rows.map(\.messages.seen).reduce(0, +) == 5_000)
        #expect(rows.map(\.messages.read).reduce(0, +) == 2_500)
    }

    @Test("an evicted message leaves its groups")
    func evictionLeavesGroups() {
        let breakdown = Self.breakdown(capacity: 1, [Self.event("a", .sent, ref: "x"), Self.event("b", .sent, ref: "y")])
        #expect(breakdown.rows(of: .ref).map(\.group) == [.value("y")])
    }

    @Test("a group's filter term admits the group's events, its syntax characters made wildcards")
    func filterTerms() throws {
        #expect(BreakdownKey.ref1.filterTerm(forGroup: "spring sale|2") == "ref:spring*sale*2")
        #expect(BreakdownKey.country.filterTerm(forGroup: "+91 IN") == "country:+91")
        #expect(BreakdownKey.country.filterTerm(forGroup: nil) == nil)
        #expect(BreakdownKey.errorCode.filterTerm(forGroup: nil) == "-code:*")
        let filter = try EventFilter(parsing: try #require(BreakdownKey.ref.filterTerm(forGroup: "spring sale")), now: UnixTime(seconds: 0))
        #expect(filter.matches(Self.event("a", .sent, ref: "spring sale")))
        for key in BreakdownKey.allCases {
            let event = Self.event("a", .failed, ref: "r", category: "c", type: "t", code: "1")
            let named = Self.breakdown([event]).rows(of: key).compactMap { row -> String? in
                guard case .value(let name) = row.group else { return nil }
                return name
            }
            // The event has no ref1 or ref2: `ref:` finds the ref there.
            let group = key == .ref1 || key == .ref2 ? "r" : named.first
            #expect(named.count == (group == "r" && key != .ref ? 0 : 1), "\(key)")
            let term = try #require(key.filterTerm(forGroup: group))
            #expect(try EventFilter(parsing: term, now: UnixTime(seconds: 0)).matches(event), "\(key)")
        }
    }

    @Test("under a filter, the breakdown counts the messages of the matching events held, and lets the overwritten go")
    func filteredBreakdown() throws {
        let store = EventStore(capacity: 4, startedAt: UnixTime(seconds: 0))
        let filter = try EventFilter(parsing: "country:IN", now: UnixTime(seconds: 0))
        var view = FilteredEvents(filter: filter, window: store.snapshot().events, groupsBreakdown: true)
        for event in [
            Self.event("a", .sent, ref: "x", price: "0.01"), Self.event("a", .read, ref: "x"),
            Self.event("b", .sent, to: "14155550100", ref: "x"), Self.event("c", .failed, ref: "y", code: "131047"),
        ] { store.record(event) }
        view.update(to: store.snapshot().events)
        var rows = try #require(view.tallies.breakdown).rows(of: .ref)
        #expect(Self.row(rows, .value("x"))?.messages.read == 1)
        #expect(Self.row(rows, .value("x"))?.messages.seen == 1)
        #expect(Self.row(rows, .value("x"))?.price.pricedEvents == 1)
        #expect(Self.row(rows, .value("y"))?.topError == "131047")
        store.record(Self.event("d", .sent, ref: "z"))
        store.record(Self.event("e", .sent, ref: "z"))
        view.update(to: store.snapshot().events)
        rows = try #require(view.tallies.breakdown).rows(of: .ref)
        // "a"'s two events are overwritten: the message, and its price, leave.
        #expect(rows.map(\.group) == [.value("y"), .value("z")])
        #expect(Self.row(rows, .value("z"))?.messages.seen == 2)
        #expect(FilteredEvents(filter: .everything, window: store.snapshot().events, groupsBreakdown: true).tallies.breakdown == nil)
        // Not asked for, the matches are not grouped.
        #expect(FilteredEvents(filter: filter, window: store.snapshot().events).tallies.breakdown == nil)
    }
}
