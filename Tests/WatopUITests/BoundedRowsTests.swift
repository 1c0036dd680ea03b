import Testing
import WatopCore

@testable import WatopUI

@Suite struct BoundedRowsTests {
    @Test("a table past its bound says so in its other row")
    func otherRowsSaySo() {
        let store = EventStore(bounds: TableBounds(whatsappNumbers: 2, errorCodes: 2, breakdownGroups: 2), startedAt: Fixture.startedAt)
        for index in 0..<(3 * TableBounds.otherStatuses) {
            store.record(
                CallbackEvent(
                    receivedAt: Fixture.ago(5), transport: .query, id: "m\(index)", status: .other("invented-\(index)"),
                    mobile: "9198765\(10_000 + index)", whatsappNumber: "91800000\(1_000 + index % 5)",
                    errorCode: "E\(index % 5)", ref: "order-\(index % 5)"))
        }
        var state = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: store)
        let screen = Fixture.screen(state)
        #expect(screen.contains("other (beyond 2)"))
        #expect(screen.contains("every code past the first 2"))
        // Sorted by count, the statuses past the bound lead, all in one row.
        Fixture.press([.tab, .character("s")], &state)
        #expect(state.focus == .statuses)
        #expect(Fixture.screen(state).contains("other (beyond 100)"))
        Fixture.press([.character("b")], &state)
        #expect(Fixture.screen(state).contains("other (beyond 2)"))
    }
}
