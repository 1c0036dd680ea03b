import Testing
import WatopCore
@testable import WatopUI

private let size = TerminalSize(columns: 120, rows: 40)

@Suite struct HistoryViewTests {
    @Test("without a history database, H says in the footer how to get one")
    func withoutStore() {
        var state = Fixture.state(size: size, store: Fixture.makeStore())
        Fixture.press([.character("H")], &state)
        #expect(state.historyView == nil)
        #expect(state.effect == nil)
        #expect(Fixture.screen(state).contains("--store PATH"))
    }

    @Test("H reads the newest page, and the next as the selection nears its end, until no older event is left")
    func pagesBack() throws {
        let history = Fixture.history(250)
        var state = Fixture.stateWithHistory(size: size)
        Fixture.press([.character("H")], &state, history: history)
        #expect(state.mode == .history)
        #expect(state.historyView?.events.count == 100)
        #expect(state.historyView?.end == .more)
        #expect(Fixture.screen(state).contains("Esc back"))
        // Until the selection is within a screen of the end, nothing more is read.
        Fixture.press(Array(repeating: .down, count: 99 - state.historyRows), &state, history: history)
        #expect(state.historyView?.events.count == 100)
        Fixture.press([.down], &state, history: history)
        #expect(state.historyView?.events.count == 200)
        Fixture.press([.end], &state, history: history)
        Fixture.press([.end], &state, history: history)
        let view = try #require(state.historyView)
        #expect(view.events.count == history.events.count)
        #expect(view.end == .reached)
        let keys = view.events.map { "\($0.position)/\($0.part)" }
        #expect(Set(keys).count == keys.count)
        #expect(Fixture.screen(state).contains("no older events"))
        Fixture.press([.character("H")], &state, history: history)
        #expect(state.historyView == nil)
        #expect(state.mode == .dashboard)
    }

    @Test("moving down past the oldest buffered event goes on into the history from that event's moment")
    func pastTheBuffer() throws {
        let store = Fixture.makeStore()
        let history = Fixture.history(30)
        var state = Fixture.stateWithHistory(size: size, store: store)
        Fixture.press([.end], &state, history: history)
        #expect(state.historyView == nil)
        let oldest = try #require(state.view.event(atRow: state.view.count - 1))
        Fixture.press([.down], &state, history: history)
        let view = try #require(state.historyView)
        #expect(view.start == .receivedAtOrBefore(oldest.receivedAt))
        #expect(!view.events.isEmpty)
        #expect(view.events.allSatisfy { $0.event.receivedAt.milliseconds <= oldest.receivedAt.milliseconds })
    }

    @Test("a filter kept in the History view runs in the database, from the top again")
    func filterInHistory() throws {
        let history = Fixture.history(250)
        var state = Fixture.stateWithHistory(size: size)
        Fixture.press([.character("H")], &state, history: history)
        Fixture.press(Array(repeating: .pageDown, count: 3), &state, history: history)
        Fixture.press("/status:failed".map { .character($0) } + [.enter], &state, history: history)
        let view = try #require(state.historyView)
        #expect(state.mode == .history)
        #expect(view.filter.text == "status:failed")
        #expect(view.selectedRow == 0)
        #expect(!view.events.isEmpty)
        #expect(view.events.allSatisfy { $0.event.status == .failed })
        #expect(view.events.count == history.events.filter { $0.event.status == .failed }.count)
    }

    @Test("a page that comes after the filter changed is dropped")
    func staleAnswer() throws {
        var state = Fixture.stateWithHistory(size: size)
        Fixture.press([.character("H")], &state)
        guard case .readHistory(let first) = state.effect else { throw Missing.effect }
        reduce(&state, .effectTaken)
        Fixture.press("/status:read".map { .character($0) } + [.enter], &state)
        reduce(&state, .historyPage(number: first.number, .success(Fixture.history(5).events)))
        #expect(state.historyView?.events.isEmpty == true)
        #expect(state.historyView?.end == .loading)
    }

    @Test("what the history keeps of an event whose detail was closed since is dropped")
    func staleDetails() throws {
        let history = Fixture.history(10)
        var state = Fixture.stateWithHistory(size: size)
        Fixture.press([.character("H")], &state, history: history)
        Fixture.press([.enter], &state)
        guard case .readStoredDetails(let first) = state.effect else { throw Missing.effect }
        reduce(&state, .effectTaken)
        Fixture.press([.escape, .down, .enter], &state)
        reduce(&state, .storedDetails(of: first, .success(StoredDetails(request: nil, lifecycle: [first], forward: nil))))
        #expect(state.historyView?.detail?.stored.position == 1)
        #expect(state.historyView?.detail?.kept == nil)
    }

    @Test("a database error is shown as such, and the view stays open")
    func readError() {
        var history = Fixture.history(10)
        history.failure = HistoryError("cannot read the history database /tmp/h.sqlite: disk I/O error")
        var state = Fixture.stateWithHistory(size: size)
        Fixture.press([.character("H")], &state, history: history)
        #expect(state.historyView?.end == .failed("cannot read the history database /tmp/h.sqlite: disk I/O error"))
        #expect(Fixture.screen(state).contains("disk I/O error"))
        Fixture.press([.enter, .down], &state, history: history)
        #expect(state.mode == .history)
    }

    @Test("Enter shows what the history kept of the event: its request, cut where the store cut it, and its lifecycle")
    func storedDetail() throws {
        let history = Fixture.history(40)
        var state = Fixture.stateWithHistory(size: size)
        Fixture.press([.character("H")], &state, history: history)
        let json = try #require(state.historyView?.events.firstIndex { $0.event.format == .kaleyraV2 })
        Fixture.press(Array(repeating: .down, count: json) + [.enter], &state, history: history)
        #expect(state.mode == .storedDetail)
        let detail = try #require(state.historyView?.detail)
        let kept = try #require(detail.kept)
        #expect(kept.lifecycle.allSatisfy { $0.event.id == detail.stored.event.id })
        let text = StoredDetailView.lines(of: detail, width: 118).map { $0.map(\.text).joined() }.joined(separator: "\n")
        #expect(text.contains("body cut at 120 of \(Fixture.kaleyraV2Sent.utf8.count) bytes"))
        #expect(text.contains("◀ this event"))
        Fixture.press([.escape], &state, history: history)
        #expect(state.mode == .history)
        Fixture.press([.escape], &state, history: history)
        #expect(state.mode == .dashboard)
    }
}

private enum Missing: Error { case effect }
