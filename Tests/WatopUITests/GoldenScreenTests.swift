import Testing
import WatopCore
@testable import WatopUI

@Suite struct GoldenScreenTests {
    @Test("every style role has a character of its own in the golden files")
    func everyRoleHasItsOwnCode() {
        #expect(Set(StyleRole.allCases.map(GoldenFile.code(of:))).count == StyleRole.allCases.count)
    }

    @Test(
        "the dashboard lays out every panel that fits the terminal",
        arguments: [(200, 60), (160, 48), (120, 40), (80, 24), (40, 12)])
    func dashboard(columns: Int, rows: Int) {
        let state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStore())
        GoldenFile.check(render(state, Fixture.frame), against: "dashboard-\(columns)x\(rows)")
    }

    @Test(
        "with a filter, the list and every table count only matching events while the header keeps all-time totals",
        arguments: [(200, 60), (160, 48), (120, 40), (80, 24)])
    func filtered(columns: Int, rows: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStore())
        Fixture.type("/status:failed", &state)
        Fixture.press([.enter], &state)
        GoldenFile.check(render(state, Fixture.frame), against: "filtered-\(columns)x\(rows)")
    }

    @Test(
        "Rates stacks each column's callbacks in the status colors, failures at the foot and their share beneath; w cycles the window",
        arguments: [(200, 60, 0), (120, 40, 1), (80, 24, 2)])
    func rates(columns: Int, rows: Int, windowPresses: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeTrafficStore())
        Fixture.press(Array(repeating: .character("w"), count: windowPresses), &state)
        GoldenFile.check(render(state, Fixture.frame), against: "rates-\(state.rateWindow.label)-\(columns)x\(rows)")
    }

    @Test("[ puts the Rates cursor on a column: highlighted, its figures under the chart, the panel focused")
    func ratesCursor() {
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: Fixture.makeTrafficStore())
        Fixture.press(Array(repeating: .character("["), count: 20), &state)
        GoldenFile.check(render(state, Fixture.frame), against: "rates-cursor-120x40")
    }

    @Test(
        "paused, the screen keeps the figures and rates it had when it froze, however late it is drawn",
        arguments: [(200, 60), (160, 48), (80, 24)])
    func paused(columns: Int, rows: Int) {
        let store = Fixture.makeStore()
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store)
        Fixture.press([.character("p")], &state)
        reduce(&state, .refresh(store.snapshot(), at: UnixTime(milliseconds: Fixture.now.milliseconds + 30_000)))
        GoldenFile.check(render(state, Fixture.frame), against: "paused-\(columns)x\(rows)")
    }

    @Test(
        "a filter that does not parse shows its error, and the list keeps the filter last applied",
        arguments: [(200, 60), (160, 48), (80, 24)])
    func filterError(columns: Int, rows: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStore())
        Fixture.type("/status:failed", &state)
        Fixture.press([.enter], &state)
        Fixture.type("/ price>-1", &state)
        GoldenFile.check(render(state, Fixture.frame), against: "filter-error-\(columns)x\(rows)")
    }

    @Test("the detail view shows every field and the raw request with its JSON body pretty-printed")
    func detailOfJSONCallback() {
        let store = Fixture.makeStore()
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: store)
        Fixture.press([.enter], &state)
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        GoldenFile.check(render(state, Fixture.frame), against: "detail-json-120x40")
    }

    @Test("the detail view marks duplicate and out-of-order callbacks in the lifecycle and wraps a long query")
    func detailOfDuplicate() {
        let store = Fixture.makeStore()
        var state = Fixture.state(size: TerminalSize(columns: 80, rows: 40), store: store)
        Fixture.press(Array(repeating: .down, count: 8) + [.enter], &state)
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        GoldenFile.check(render(state, Fixture.frame), against: "detail-lifecycle-80x40")
    }

    @Test(
        "the detail view names the provider and format, Meta's pricing, a Twilio code's meaning, a customer's message",
        arguments: [
            ("provider:meta status:delivered", "detail-meta-status-120x40", 120, 40),
            ("status:inbound", "detail-meta-inbound-80x30", 80, 30),
            ("format:twilio status:undelivered", "detail-twilio-80x30", 80, 30),
            ("format:kaleyra-v2", "detail-kaleyra-v2-100x30", 100, 30),
        ])
    func detailOfOtherFormats(filter: String, golden: String, columns: Int, rows: Int) {
        let store = Fixture.makeStore()
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store)
        Fixture.type("/" + filter, &state)
        Fixture.press([.enter, .enter], &state)
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        GoldenFile.check(render(state, Fixture.frame), against: golden)
    }

    @Test(
        "forwarding, each event shows what the app answered and the header how the app is doing",
        arguments: [(200, 60), (160, 48), (80, 24)])
    func forwarding(columns: Int, rows: Int) {
        let state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeForwardingStore())
        GoldenFile.check(render(state, Fixture.frame), against: "forwarding-\(columns)x\(rows)")
    }

    @Test("the detail view lists every attempt at the app with its status, latency, headers and body")
    func detailOfForwarded() {
        let store = Fixture.makeForwardingStore()
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 60), store: store)
        Fixture.type("/status:sent 0a1b2c3d", &state)
        Fixture.press([.enter, .enter], &state)
        reduce(&state, .showDetails(of: state.detail!.event, from: store))
        GoldenFile.check(render(state, Fixture.frame), against: "detail-forwarded-120x60")
    }

    @Test(
        "r shows each rejection reason with its count and its last request, credentials redacted, escapes visible",
        arguments: [(200, 60), (160, 48), (80, 24)])
    func rejections(columns: Int, rows: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStore())
        Fixture.press([.character("r")], &state)
        GoldenFile.check(render(state, Fixture.frame), against: "rejections-\(columns)x\(rows)")
    }

    @Test(
        "N lists the notices newest first: time, kind, what it is about, what happened; escapes visible",
        arguments: [(200, 60), (120, 40), (80, 24)])
    func notices(columns: Int, rows: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeNoticeStore())
        Fixture.press([.character("N")], &state)
        #expect(state.mode == .notices)
        GoldenFile.check(render(state, Fixture.frame), against: "notices-\(columns)x\(rows)")
        Fixture.press([.escape], &state)
        #expect(state.mode == .dashboard)
    }

    @Test func theFilterNarrowsTheNoticesByTheirWords() {
        var state = Fixture.state(size: TerminalSize(columns: 120, rows: 40), store: Fixture.makeNoticeStore())
        Fixture.type("/template", &state)
        Fixture.press([.enter, .character("N")], &state)
        let screen = Fixture.screen(state)
        #expect(screen.contains("2 of 6 match template") && screen.contains("summer_sale") && !screen.contains("DOWNGRADE"))
    }

    @Test func theHeaderCountsTheNoticesOfTheLastHour() {
        let state = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: Fixture.makeNoticeStore())
        #expect(Fixture.screen(state).split(separator: "\n")[1].contains("notices 5/1h"))
        let quiet = Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: Fixture.makeStore())
        #expect(!Fixture.screen(quiet).contains("notices"))
    }

    @Test(
        "A lists the alert rules, firing first in its color; the header names the firing rule and its figure",
        arguments: [(200, 60), (120, 40), (80, 24)])
    func alerts(columns: Int, rows: Int) throws {
        let store = Fixture.makeStore()
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store)
        let rules = try [
            "status:failed|undelivered share>10% over 5m min 3", "code:131049 rate>2/min over 5m", "silence>10m",
            "rejected:bad-signature count>0 over 1m",
        ].map { try AlertRule(parsing: $0) }
        let monitor = AlertMonitor(rules: rules, startedAt: Fixture.startedAt)
        store.snapshot().events.forEachOldestFirst { monitor.accepted(copy $0, completing: LifecycleLatencies()) }
        #expect(monitor.check(at: Fixture.now).map(\.rule) == [rules[0].text])
        reduce(&state, .alerts(monitor.statuses()))
        let banner = Fixture.screen(state).split(separator: "\n")[0]
        #expect(banner.contains("ALERT \(AlertsView.figure(monitor.statuses()[0].value ?? -1, of: .share)) status:failed|"))
        Fixture.press([.character("A")], &state)
        #expect(state.mode == .alerts)
        GoldenFile.check(render(state, Fixture.frame), against: "alerts-\(columns)x\(rows)")
        Fixture.press([.escape], &state)
        #expect(state.mode == .dashboard)
    }

    @Test(
        "L shows sent→delivered and delivered→read percentiles overall and by number; w cycles the window",
        arguments: [(200, 60), (120, 40), (80, 24)])
    func latency(columns: Int, rows: Int) {
        let store = Fixture.makeLatencyStore()
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store)
        Fixture.press([.character("L")], &state)
        #expect(state.mode == .latency)
        reduce(&state, .showLatencies(store.latencies(window: state.rateWindow, at: Fixture.now)))
        GoldenFile.check(render(state, Fixture.frame), against: "latency-\(columns)x\(rows)")
        Fixture.press([.character("w")], &state)
        #expect(state.rateWindow == .hour)
        Fixture.press([.escape], &state)
        #expect(state.mode == .dashboard)
    }

    @Test(
        "S lists the stuck messages by WhatsApp number and age; the header counts them",
        arguments: [(200, 60), (120, 40), (80, 24)])
    func stuck(columns: Int, rows: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStuckStore())
        #expect(Fixture.screen(state).split(separator: "\n")[1].contains("stuck 22"))
        Fixture.press([.character("S")], &state)
        #expect(state.mode == .stuck)
        GoldenFile.check(render(state, Fixture.frame), against: "stuck-\(columns)x\(rows)")
        Fixture.press([.escape], &state)
        #expect(state.mode == .dashboard)
    }

    @Test(
        "the help overlay lists the keys and the filter syntax, wrapped to the screen",
        arguments: [(200, 60), (160, 48), (120, 40), (80, 24)])
    func help(columns: Int, rows: Int) {
        var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: Fixture.makeStore())
        Fixture.press([.character("?")], &state)
        GoldenFile.check(render(state, Fixture.frame), against: "help-\(columns)x\(rows)")
    }
}

extension GoldenScreenTests {
    @Test(
        "H shows the history newest first with dates, and the receiver when several took the events",
        arguments: [(200, 60, 2), (120, 40, 1), (80, 24, 1)])
    func history(columns: Int, rows: Int, receivers: Int) {
        let history = Fixture.history(120, receivers: Array(["eu-1", "eu-2"].prefix(receivers)))
        var state = Fixture.stateWithHistory(size: TerminalSize(columns: columns, rows: rows))
        Fixture.press([.character("H")], &state, history: history)
        Fixture.press([.down, .down], &state, history: history)
        GoldenFile.check(render(state, Fixture.frame), against: "history-\(columns)x\(rows)")
    }

    @Test("the end of the history, filtered in the database, says there is no older event")
    func historyEnd() {
        let history = Fixture.history(60)
        var state = Fixture.stateWithHistory(size: TerminalSize(columns: 120, rows: 40))
        Fixture.press([.character("H")], &state, history: history)
        Fixture.press("/status:failed".map { .character($0) } + [.enter], &state, history: history)
        GoldenFile.check(render(state, Fixture.frame), against: "history-failed-120x40")
    }

    @Test("a stored event shows every field, its lifecycle from the history and its request as kept, cut where the store cut it")
    func storedDetail() {
        let history = Fixture.history(60, receivers: ["eu-1", "eu-2"])
        var state = Fixture.stateWithHistory(size: TerminalSize(columns: 120, rows: 60))
        Fixture.press([.character("H")], &state, history: history)
        let row = state.historyView!.events.firstIndex { $0.event.format == .kaleyraV2 }!
        Fixture.press(Array(repeating: .down, count: row) + [.enter], &state, history: history)
        GoldenFile.check(render(state, Fixture.frame), against: "stored-detail-120x60")
    }
}
