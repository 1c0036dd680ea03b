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

