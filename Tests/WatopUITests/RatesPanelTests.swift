import Testing
import WatopCore
@testable import WatopUI

@Suite struct RatesPanelTests {
    @Test(
        "a column merges the fewest buckets that divide the window and fit the width",
        arguments: [
            (RateWindow.fiveMinutes, 190, 2), (.fiveMinutes, 300, 1), (.fiveMinutes, 30, 10), (.hour, 190, 2),
            (.hour, 72, 5), (.day, 190, 8), (.day, 30, 48), (.day, 1, 1440), (.day, 0, 1440),
        ])
    func bucketsPerColumn(window: RateWindow, width: Int, expected: Int) {
        #expect(RateColumns(window, width: width, now: Fixture.now).bucketsPerColumn == expected)
    }

    @Test("the scale's rates fit its columns, per minute under one a second")
    func compactRates() {
        let cases: [(Double, String)] = [
            (123_456, "123k/s"), (9_999.6, "10k/s"), (1_234, "1.2k/s"), (150, "150/s"), (12.34, "12.3/s"), (1, "1.0/s"),
            (0.5, "30/min"), (0.01, "0.6/min"),
        ]
        for (rate, text) in cases {
            #expect(Format.compactRate(rate) == text)
            #expect(text.count <= RatesPanel.gutterWidth - 2)
        }
    }

    @Test func wCyclesTheWindowAndTheTitleNamesIt() {
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: Fixture.makeTrafficStore())
        var titles: [RateWindow] = []
        for _ in 0..<4 {
            titles.append(state.rateWindow)
            #expect(Fixture.screen(state).contains("┌ Rates \(state.rateWindow.label) "))
            Fixture.press([.character("w")], &state)
        }
        #expect(titles == [.fiveMinutes, .hour, .day, .fiveMinutes])
    }

    @Test("with a filter the chart counts the matching events held, and its title says so")
    func filteredChart() throws {
        var state = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: Fixture.makeTrafficStore())
        Fixture.type("/status:failed", &state)
        Fixture.press([.enter], &state)
        let screen = Fixture.screen(state)
        #expect(screen.contains("┌ Rates 5m · filtered, buffer only  2s per column · 100.0% failed"))
        let chart = RateChart(state.view.rollups[.fiveMinutes], width: 190, now: Fixture.now)
        #expect(chart.total.total == chart.total[.failed] && chart.total.total > 0)
    }

    @Test("a window without callbacks says so instead of drawing an empty chart")
    func emptyWindow() {
        let store = EventStore(capacity: 10, startedAt: Fixture.startedAt)
        let state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: store)
        #expect(Fixture.screen(state).contains("no callbacks over the last 5m"))
    }

    @Test("the failure share line is as full as the share of a column that failed")
    func failureShare() throws {
        let store = EventStore(capacity: 100, startedAt: Fixture.startedAt)
        for (index, status) in [DeliveryStatus.failed, .delivered, .delivered, .delivered].enumerated() {
            store.record(CallbackEvent(receivedAt: Fixture.ago(1), transport: .query, id: "m\(index):0", status: status))
        }
        let state = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: store)
        let line = try #require(Fixture.screen(state).split(separator: "\n").first { $0.hasPrefix("│ failed │") })
        #expect(line.contains("▂") && !line.contains("▃"))
    }
}

@Suite struct RatesCursorTests {
    private func state() -> UIState { Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: Fixture.makeTrafficStore()) }

    @Test("[ focuses Rates with the cursor on the newest column; [ and ] step it within the chart")
    func bracketsStepTheCursor() throws {
        var state = state()
        Fixture.press([.character("[")], &state)
        #expect(state.focus == .rates)
        // 5 minutes over 150 columns of 2 seconds: the newest begins at 17:02:02.
        #expect(state.rateCursor == UnixTime(seconds: Fixture.now.seconds - 1))
        Fixture.press([.character("["), .character("[")], &state)
        #expect(state.rateCursor == UnixTime(seconds: Fixture.now.seconds - 5))
        Fixture.press(Array(repeating: .character("]"), count: 9), &state)
        #expect(state.rateCursor == UnixTime(seconds: Fixture.now.seconds - 1))
        Fixture.press(Array(repeating: .character("["), count: 400), &state)
        #expect(state.rateCursor == UnixTime(seconds: Fixture.now.seconds - 299))
    }

    @Test("arrows move the cursor only while Rates has focus; leaving the chart takes the cursor away")
    func arrowsNeedTheFocus() {
        var state = state()
        Fixture.press([.left], &state)
        #expect(state.rateCursor == nil)
        #expect(state.notice == "← → move the Rates cursor: Tab to Rates, or press [ or ]")
        Fixture.press([.tab, .tab, .tab, .tab, .left, .left, .left, .right], &state)
        #expect(state.focus == .rates)
        #expect(state.rateCursor == UnixTime(seconds: Fixture.now.seconds - 3))
        Fixture.press([.tab], &state)
        #expect(state.rateCursor == nil)
    }

    @Test("the cursor's column is highlighted and its figures replace the times under the chart")
    func readout() throws {
        var state = state()
        Fixture.press([.character("["), .character("[")], &state)
        let grid = render(state, Fixture.frame)
        let row = try #require(grid.lines.firstIndex { $0.hasPrefix("│        └17:02:00–17:02:02  failed ") })
        // 150 columns of 2 seconds from x = 10, the cursor on the one before the newest.
        let x = 10 + 148
        for y in row - 9..<row { #expect(grid[x, y].role == .selection && grid[x + 1, y].role != .selection) }
    }

    @Test("Enter on Rates keeps the filter's other terms and narrows it to the cursor's column")
    func enterFiltersToTheColumn() {
        var state = state()
        Fixture.type("/status:read since:1h", &state)
        Fixture.press([.enter, .character("["), .character("["), .enter], &state)
        #expect(state.filter.applied.text == "status:read after:2024-03-09T17:02:00 before:2024-03-09T17:02:02")
        #expect(state.view.count == 2)
        #expect(state.detail == nil && state.focus == .rates)
        Fixture.press([.escape], &state)
        #expect(state.filter.applied.isEmpty)
    }

    @Test("the cursor keeps its time when the window changes, on the column that holds it")
    func windowChange() {
        var state = state()
        Fixture.press([.character("["), .character("w")], &state)
        let columns = RateColumns(.hour, width: RatesPanel.chartWidth(in: state.layout.panels[.rates]!), now: Fixture.now)
        #expect(columns.index(holding: state.rateCursor!) == columns.count - 1)
    }
}
