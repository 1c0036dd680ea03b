import Testing
import WatopCore

@testable import WatopUI

@Suite struct BreakdownViewTests {
    @Test(
        "b shows the messages by a key it cycles, one row per group; Esc goes back",
        arguments: [(200, 60, 0, "ref"), (120, 40, 5, "country"), (80, 24, 6, "error-code")])
    func groups(columns: Int, rows: Int, presses: Int, key: String) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStore())
        Fixture.press([.character("b")] + Array(repeating: .character("b"), count: presses), &state)
        #expect(state.mode == .breakdown)
        GoldenFile.check(render(state, Fixture.frame), against: "breakdown-\(key)-\(columns)x\(rows)")
        Fixture.press([.escape], &state)
        #expect(state.mode == .dashboard)
    }

    @Test("under a filter, the Breakdown counts the messages of the matching events")
    func filtered() {
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: Fixture.makeStore())
        Fixture.type("/status:failed|not-sent", &state)
        Fixture.press([.enter], &state)
        // The matches are grouped only once the panel is opened.
        #expect(state.view.tallies.breakdown == nil)
        Fixture.press([.character("b"), .character("b"), .character("b"), .character("b"), .character("b"), .character("b")], &state)
        #expect(state.view.groupsBreakdown)
        GoldenFile.check(render(state, Fixture.frame), against: "breakdown-filtered-120x40")
    }

    @Test("Enter on a row adds its group's term to the filter in force and shows the events")
    func enterFilters() {
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: Fixture.makeStore())
        Fixture.type("/-status:read", &state)
        Fixture.press([.enter, .character("b")], &state)
        let rows = BreakdownView.shown(state)
        #expect(rows.first?.group == .value("campaign-7") || rows.first?.group == .value("campaign-8"))
        Fixture.press([.down], &state)
        guard case .value(let second) = rows[1].group else {
            Issue.record("the second row is no named group")
            return
        }
        Fixture.press([.enter], &state)
        #expect(state.mode == .dashboard)
        #expect(state.filter.applied.text == "-status:read ref:\(second)")
        #expect(state.view.count > 0)
        #expect(!state.view.groupsBreakdown)
    }

    @Test("Enter on the row of messages without a country says no term selects it, and filters nothing")
    func noTermForNoCountry() {
        let store = EventStore(startedAt: Fixture.startedAt)
        store.record(
            CallbackEvent(
                receivedAt: Fixture.ago(5), format: .meta, transport: .json, method: "POST", id: "wamid.user", status: .sent,
                mobile: "US.13491208655302741918", recipientKind: .userID))
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: store)
        Fixture.press([.character("b")] + Array(repeating: .character("b"), count: 5), &state)
        #expect(BreakdownView.shown(state).map(\.group) == [.noValue])
        Fixture.press([.enter], &state)
        #expect(state.mode == .breakdown)
        #expect(state.filter.applied.isEmpty)
        #expect(state.notice == "no filter term selects this group")
    }
}
