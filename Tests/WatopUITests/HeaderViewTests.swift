import Testing
import WatopCore

@testable import WatopUI

@Suite struct HeaderViewTests {
    private func header(columns: Int, store: EventStoreKind) -> [String] {
        let store = store == .forwarding ? Fixture.makeForwardingStore() : Fixture.makeStore()
        let state = Fixture.state(size: TerminalSize(columns: columns, rows: 40), store: store)
        return Array(render(state, Fixture.frame).lines.prefix(2))
    }

    enum EventStoreKind { case plain, forwarding }

    @Test(
        "header figures are shown whole or left out, never cut, at every width",
        arguments: [80, 100, 120, 160, 200], [EventStoreKind.plain, .forwarding])
    func figuresDropWhole(columns: Int, store: EventStoreKind) {
        for line in header(columns: columns, store: store) {
            #expect(!line.contains("…"), "\(line)")
        }
    }

    @Test("the figures that matter most stay longest: duplicates fit at 160, the buffer at 80")
    func priorities() {
        #expect(header(columns: 160, store: .forwarding)[1].hasSuffix("  out-of-order 1  duplicates 1"))
        #expect(header(columns: 80, store: .forwarding)[1].hasSuffix("rejected 0  app ok  buffer 19/1,000 (1.9%)"))
        #expect(header(columns: 60, store: .plain)[1] == " events 19  0.6/s   reported 0.0285  rejected 3")
        #expect(header(columns: 80, store: .plain)[1] == " events 19  0.6/s   reported 0.0285  rejected 3 (unauthorized 2)  duplicates 1")
    }

    private func totals(with history: HistoryProgress) -> String {
        var state = Fixture.state(size: TerminalSize(columns: 200, rows: 40), store: Fixture.makeStore())
        reduce(&state, .history(history))
        return render(state, Fixture.frame).lines[1]
    }

    @Test func theHistorySaysWhatItHoldsThenHowFarBehindOrWhyItFails() {
        var progress = HistoryProgress()
        progress.eventsWritten = 1234
        #expect(totals(with: progress).contains("  stored 1,234"))
        progress.backlogLines = 25_000
        #expect(totals(with: progress).contains("  store behind 25,000"))
        progress.problem = "disk I/O error"
        #expect(totals(with: progress).contains("  store failing: disk I/O error"))
    }
}
