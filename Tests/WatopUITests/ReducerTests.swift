import Testing
import WatopCore
@testable import WatopUI

private func event(_ number: Int, status: DeliveryStatus = .sent) -> CallbackEvent {
    CallbackEvent(
        receivedAt: Fixture.ago(Int64(100 - number)), transport: .query, id: "msg-\(number):0", status: status,
        mobile: "91980000\(1000 + number)")
}

private func store(events count: Int, capacity: Int = 1000) -> EventStore {
    let store = EventStore(capacity: capacity, startedAt: Fixture.startedAt)
    for number in 1...count { store.record(event(number, status: number % 3 == 0 ? .failed : .sent)) }
    return store
}

private let size = TerminalSize(columns: 120, rows: 40)

@Suite struct ReducerTests {
    @Test("the selection stays on its event while new events arrive above it")
    func selectionSticks() {
        let store = store(events: 10)
        var state = Fixture.state(size: size, store: store)
        Fixture.press([.down, .down, .down], &state)
        let selected = state.selection
        #expect(selected == 7)
        for number in 11...15 { store.record(event(number)) }
        reduce(&state, .refresh(store.snapshot(), at: Fixture.now))
        #expect(state.selection == selected)
        #expect(state.selectedRow == 8)
        #expect(Fixture.screen(state).contains("msg-7"))
    }

    @Test("D lists the dead letters: the filter fwd:dead, shown as typed, and Esc leaves it")
    func deadLettersKey() {
        let store = EventStore(capacity: 100, forwardRecordsKept: 100, startedAt: Fixture.startedAt)
        for number in 1...3 {
            let id = store.recordForwarded(
                CallbackBatch(format: .kaleyraV1, events: CallbackEvents(event(number))), method: "GET", target: "/callback",
                fingerprint: nil
            ).id
            let status = number == 2 ? 404 : 200
            store.completeForward(
                id, with: ForwardAttempt(startedAt: Fixture.now, latencyMicroseconds: 800, status: status),
                settled: number == 2 ? .deadLettered : .delivered)
        }
        var state = Fixture.state(size: size, store: store)
        Fixture.press([.character("D")], &state)
        #expect(state.filter.applied.text == "fwd:dead")
        #expect(state.view.count == 1 && state.view.event(atRow: 0)?.id == "msg-2:0")
        #expect(Fixture.screen(state).contains("fwd:dead"))
        Fixture.press([.escape], &state)
        #expect(state.view.count == 3)
    }

    @Test("the detail view says when the request is no longer kept, and keeps one it has shown")
    func detailRequest() {
        let store = EventStore(capacity: 10, requestsKept: 1, startedAt: Fixture.startedAt)
        let request = RawRequest(method: "GET", target: "/callback?id=msg-1:0&status=sent", headers: [], body: [])
        store.record(event(1), request: request)
        var state = Fixture.state(size: size, store: store)
        Fixture.press([.enter], &state)
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        #expect(Fixture.screen(state).contains("GET /callback?id=msg-1:0&status=sent"))
        store.record(event(2), request: request)  // the first event's request is let go
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        #expect(state.detail?.request?.target == request.target)
        reduce(&state, .closeDetail)
        Fixture.press([.down, .enter], &state)
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        #expect(state.detail?.event.id == "msg-1:0")
        #expect(Fixture.screen(state).contains("no longer kept: only the newest events keep theirs (--raw-buffer)"))
    }

    @Test("with nothing selected the highlight follows the newest event")
    func topRowFollows() {
        let store = store(events: 3)
        var state = Fixture.state(size: size, store: store)
        Fixture.press([.down, .up], &state)
        #expect(state.selection == nil)
        store.record(event(4))
        reduce(&state, .refresh(store.snapshot(), at: Fixture.now))
        #expect(state.view.sequence(atRow: state.selectedRow) == 4)
    }

    @Test("a selected event that leaves the buffer lets the list follow the stream again")
    func overwrittenSelectionIsReleased() {
        let store = store(events: 5, capacity: 5)
        var state = Fixture.state(size: size, store: store)
        Fixture.press([.end], &state)
        #expect(state.selection == 1)
        store.record(event(6))
        reduce(&state, .refresh(store.snapshot(), at: Fixture.now))
        #expect(state.selection == nil)
    }

    @Test("pause freezes the screen while intake goes on, counts arrivals, and resuming returns to live")
    func pauseFreezes() {
        let store = store(events: 4)
        var state = Fixture.state(size: size, store: store)
        Fixture.press([.character("p")], &state)
        for number in 5...7 { store.record(event(number)) }
        reduce(&state, .refresh(store.snapshot(), at: Fixture.now))
        #expect(state.isPaused)
        #expect(state.view.count == 4)
        #expect(state.shown?.aggregates.accepted == 4)
        #expect(state.arrivedWhilePaused == 3)
        #expect(Fixture.screen(state).contains("PAUSED · 3 new"))
        Fixture.press([.character(" ")], &state)
        #expect(!state.isPaused)
        #expect(state.view.count == 7)
    }

    @Test("paused, the header and the Statuses panel keep the rates of the moment the screen froze")
    func pausedRatesStay() {
        var state = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: Fixture.makeStore())
        let live = Fixture.screen(state).split(separator: "\n")
        Fixture.press([.character("p")], &state)
        let later = Frame(now: UnixTime(milliseconds: Fixture.now.milliseconds + 30_000), callbackURL: Fixture.callbackURL)
        let paused = render(state, later).lines
        // The totals line (events, rate, sparkline), then the Statuses panel's rows.
        #expect(paused[1] == live[1])
        for row in 2..<14 { #expect(paused[row].prefix(50) == live[row].prefix(50)) }
        #expect(live[1].contains("0.6/s") && live[4].prefix(50).hasSuffix("0.1/s│"))
    }

    @Test("typing a filter previews it live and Enter keeps it")
    func filterPreviewAndCommit() {
        var state = Fixture.state(size: size, store: store(events: 9))
        Fixture.type("/status:fail", &state)
        #expect(state.filter.error == nil)
        #expect(state.view.count == 0)
        Fixture.type("ed", &state)
        #expect(state.view.count == 3)
        Fixture.press([.enter], &state)
        #expect(!state.filter.isEditing)
        #expect(state.filter.applied.text == "status:failed")
    }

    @Test("a bad filter shows its error and keeps the previous filter, even on Enter")
    func badFilterKeepsPrevious() {
        var state = Fixture.state(size: size, store: store(events: 9))
        Fixture.type("/status:failed", &state)
        Fixture.press([.enter], &state)
        Fixture.type("/|", &state)
        #expect(state.filter.error?.message.hasPrefix("empty alternative") == true)
        Fixture.press([.enter], &state)
        #expect(state.filter.isEditing)
        #expect(state.filter.applied.text == "status:failed")
        #expect(state.view.count == 3)
        Fixture.press([.character("\u{15}")], &state)
        Fixture.type("stat:sent", &state)
        #expect(Fixture.screen(state).contains("✗ unknown field \"stat\""))
    }

    @Test("while the typed text does not parse, the filter last applied with Enter is in force, and the header says so")
    func halfTypedFilterShowsTheLastApplied() {
        var state = Fixture.state(size: size, store: store(events: 9))
        Fixture.type("/status:", &state)
        #expect(state.view.filter.isEmpty)
        #expect(state.view.count == 9)
        #expect(Fixture.screen(state).contains("(still showing all events)"))
        Fixture.press([.escape], &state)
        Fixture.type("/status:failed", &state)
        Fixture.press([.enter], &state)
        Fixture.type("/", &state)
        Fixture.press([.character("\u{15}")], &state)
        Fixture.type("status:", &state)
        #expect(state.view.filter.text == "status:failed")
        #expect(state.view.count == 3)
        #expect(Fixture.screen(state).contains("(still showing status:failed)"))
    }

    @Test("a status no callback has had is named when the list comes up empty")
    func unknownStatusSaysSo() {
        var state = Fixture.state(size: size, store: store(events: 9))
        Fixture.type("/status:bogus", &state)
        Fixture.press([.enter], &state)
        #expect(Fixture.screen(state).contains("no callback has had status \"bogus\" (statuses seen: sent, delivered, read"))
        Fixture.type("/", &state)
        Fixture.press([.character("\u{15}")], &state)
        Fixture.type("status:read", &state)
        #expect(Fixture.screen(state).contains("no event in the buffer matches the filter"))
    }

    @Test("Esc in the prompt clears the filter, and Esc on the dashboard clears an applied one")
    func escapeClears() {
        var state = Fixture.state(size: size, store: store(events: 9))
        Fixture.type("/status:failed", &state)
        Fixture.press([.escape], &state)
        #expect(!state.filter.isEditing)
        #expect(state.filter.applied.isEmpty)
        #expect(state.view.count == 9)
        Fixture.type("/status:failed", &state)
        Fixture.press([.enter, .escape], &state)
        #expect(state.filter.applied.isEmpty)
    }

    @Test("keys typed in the prompt are text, not commands")
    func promptTakesText() {
        var state = Fixture.state(size: size, store: store(events: 2))
        Fixture.type("/qp ?", &state)
        #expect(state.filter.draft == "qp ?")
        #expect(!state.quits && !state.isPaused && !state.showsHelp)
    }

    @Test("Enter opens the selected event and Esc or q closes it")
    func detailOpensAndCloses() {
        var state = Fixture.state(size: size, store: store(events: 5))
        Fixture.press([.down, .enter], &state)
        #expect(state.detail?.event.sequence == 4)
        Fixture.press([.escape], &state)
        #expect(state.detail == nil)
        Fixture.press([.enter, .character("q")], &state)
        #expect(state.detail == nil)
        #expect(!state.quits)
    }

    @Test("Tab moves focus through the panels on screen and s cycles the focused table's sort")
    func focusAndSort() {
        var state = Fixture.state(size: size, store: store(events: 2))
        Fixture.press([.tab], &state)
        #expect(state.focus == .statuses)
        Fixture.press([.character("s")], &state)
        #expect(state.sort(of: .statuses) == .count)
        Fixture.press([.backTab, .backTab], &state)
        #expect(state.focus == .whatsappNumbers)
        reduce(&state, .resize(TerminalSize(columns: 40, rows: 12)))
        #expect(state.focus == .events)
    }

    @Test("Tab follows the panels as the screen shows them, left to right, then the list")
    func focusFollowsTheScreen() {
        var state = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: store(events: 2))
        var visited: [Panel] = []
        for _ in 0..<6 {
            Fixture.press([.tab], &state)
            visited.append(state.focus)
        }
        #expect(visited == [.statuses, .prices, .errorCodes, .rates, .whatsappNumbers, .events])
    }

    @Test("s on a panel that cannot sort says so and names the tables that can")
    func sortWithNothingToSort() {
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 30), store: store(events: 2))
        Fixture.press([.character("s")], &state)
        #expect(state.notice == "nothing to sort in Events; Tab to Statuses or Error codes")
        #expect(Fixture.screen(state).contains(" nothing to sort in Events"))
    }

    @Test("r opens the rejected requests, the moving keys scroll them, and Esc, q or r closes them")
    func rejectionsViewOpensScrollsAndCloses() {
        var state = Fixture.state(size: TerminalSize(columns: 80, rows: 16), store: Fixture.makeStore())
        Fixture.press([.character("r")], &state)
        #expect(state.mode == .rejections)
        #expect(Fixture.screen(state).contains("┌ Rejected requests  Esc back"))
        Fixture.press([.down, .down], &state)
        #expect(state.rejectionsScroll == 2)
        for close in [Key.escape, .character("q"), .character("r")] {
            Fixture.press([close], &state)
            #expect(state.mode == .dashboard)
            #expect(!state.quits)
            Fixture.press([.character("r")], &state)
            #expect(state.rejectionsScroll == 0)
        }
    }

    @Test("the header names the reason most refusals had")
    func headerNamesTheTopRejectionReason() {
        let state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: Fixture.makeStore())
        #expect(Fixture.screen(state).contains("  rejected 3 (unauthorized 2)  "))
    }

    @Test("q and Ctrl-C quit; Ctrl-C also from the prompt")
    func quitting() {
        var state = Fixture.state(size: size, store: Fixture.makeStore())
        Fixture.press([.character("q")], &state)
        #expect(state.quits)
        var prompting = Fixture.state(size: size, store: store(events: 1))
        Fixture.press([.character("/"), .interrupt], &prompting)
        #expect(prompting.quits)
    }
}
