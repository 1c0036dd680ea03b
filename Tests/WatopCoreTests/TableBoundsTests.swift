import Testing

@testable import WatopCore

@Suite struct TableBoundsTests {
    /// A callback whose status, WhatsApp number, error code and ref are all new.
    private static func distinct(_ index: Int) -> CallbackEvent {
        CallbackEvent(
            receivedAt: UnixTime(seconds: 1_760_000_000), transport: .query, id: "m\(index)",
            status: .other("invented-\(index)"), mobile: "91987\(100_000 + index)", whatsappNumber: "9180\(1_000_000 + index)",
            errorCode: "E\(index)", ref: "order-\(index)", pricingCategory: "category-\(index)")
    }

    @Test("100,000 distinct values leave each table within its bound, with every total exact")
    func distinctValuesStayWithinBounds() throws {
        let count = 100_000
        let bounds = TableBounds(whatsappNumbers: 50, errorCodes: 40, breakdownGroups: 30)
        let store = EventStore(capacity: count, messagesKept: count, bounds: bounds, startedAt: UnixTime(seconds: 0))
        var view = FilteredEvents(filter: try EventFilter(parsing: "-id:none", now: UnixTime(seconds: 0)), window: store.snapshot().events, bounds: bounds,
            groupsBreakdown: true)
        for index in 0..<count { store.record(Self.distinct(index)) }
        let snapshot = store.snapshot()
        view.update(to: snapshot.events)

        for totals in [snapshot.aggregates as any TableTotals, view.tallies] {
            // The bound, plus `other`.
            #expect(totals.statuses.statusesSeen.count == DeliveryStatus.documented.count + TableBounds.otherStatuses + 1)
            #expect(totals.statuses.total == count)
            #expect(totals.statuses.count(of: .other(TableBounds.other)) == count - TableBounds.otherStatuses)
            #expect(totals.errorCodes.count == 41)
            #expect(totals.errorCodes.values.map(\.count).reduce(0, +) == count)
            #expect(totals.errorCodes[TableBounds.other]?.count == count - 40)
            #expect(totals.whatsappNumbers.count == 51)
            #expect(totals.whatsappNumbers.values.map(\.statuses.total).reduce(0, +) == count)
        }
        #expect(snapshot.messages.total.seen == count)
        #expect(snapshot.messages.tally(of: TableBounds.other).seen == count - 50)
        for breakdown in [snapshot.messages.breakdown, try #require(view.tallies.breakdown)] {
            for key in [BreakdownKey.ref, .category, .errorCode] {
                #expect(breakdown.groupCount(of: key) == 30)
                let rows = breakdown.rows(of: key)
                #expect(rows.count == 31)
                #expect(rows.map(\.messages.seen).reduce(0, +) == count)
            }
        }
        let summary = SummaryJSON.line(for: snapshot, now: UnixTime(seconds: 1), unprinted: 0)
        #expect(summary.contains(#""beyond_bounds":{"statuses":99900,"error_codes":99960,"whatsapp_numbers":99950}"#))
    }

    @Test("a value counted under other while the table was full leaves from other when the ring lets it go")
    func filteredRemovalFindsOther() throws {
        let bounds = TableBounds(whatsappNumbers: 2, errorCodes: 2)
        let store = EventStore(capacity: 3, bounds: bounds, startedAt: UnixTime(seconds: 0))
        var view = FilteredEvents(filter: .everything, window: store.snapshot().events, bounds: bounds)
        for index in 0..<6 {
            store.record(Self.distinct(index))
            view.update(to: store.snapshot().events)
        }
        #expect(view.tallies.errorCodes.values.map(\.count).reduce(0, +) == 3)
        #expect(view.tallies.whatsappNumbers.values.map(\.statuses.total).reduce(0, +) == 3)
    }
}
