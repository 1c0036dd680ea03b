import WatopCore
import WatopUI

/// How the dashboard runs.
public struct DashboardConfiguration: Sendable {
    /// Shown in the header: the URL to paste into Kaleyra's callback profile.
    public var callbackURL: String
    /// How often the store is looked at; frames are only drawn when something changed.
    public var framesPerSecond: Int
    /// The themes `t` cycles through; the first is used at start.
    public var themes: [Theme]
    /// Shown in the footer until the first key: something the user should know at start.
    public var notice: String?
    /// Shown in the header all the time: something that stays wrong, such as an open listener.
    public var warning: String?
    /// Where other threads leave news for the footer while the dashboard runs (a renewed
    /// certificate, one that could not be loaded).
    public var notices = NoticeBoard()
    /// Sends a kept request to the app again (`R` in the detail view); its outcome comes back
    /// as a notice and an attempt of the event's forward record. Nil when there is no app.
    public var resend: (@Sendable (RawRequest, UInt64) -> Void)?
    /// The alert rules, checked once a second: a banner in the header, the bell once when one
    /// fires, `A` to list them. Nil without rules.
    public var alerts: AlertChecks?
    /// How far the history database is behind the journal (`--store`), for the header.
    public var history: (@Sendable () -> HistoryProgress)?
    /// Each receiver of a fleet and the database's state (`watop attach`), for the header.
    public var fleet: (@Sendable () -> FleetStatus)?
    /// The history database the History view pages back into (`--store`, `watop attach`).
    public var historyReader: (any HistoryReading)?

    public init(callbackURL: String, framesPerSecond: Int = 10, themes: [Theme] = [.standard]) {
        self.callbackURL = callbackURL
        self.framesPerSecond = framesPerSecond
        self.themes = themes.isEmpty ? [.standard] : themes
    }
}

/// The live dashboard on the terminal.
public enum Dashboard {
    /// Shows the dashboard until the user quits (q, Ctrl-C) or SIGTERM/SIGHUP arrives; the
    /// terminal is restored on every way out. Blocks the calling thread; intake goes on
    /// in the listener's threads, which the dashboard never waits for.
    public static func run(store: EventStore, configuration: DashboardConfiguration) throws {
        var session = try TerminalSession(theme: configuration.themes[0])
        defer { session.close() }
        var loop = DashboardLoop(store: store, configuration: configuration, size: session.size)
        loop.run(on: &session)
    }
}

/// One dashboard's frame loop: look at the store, redraw when anything changed, wait for
/// keys until the next frame is due.
private struct DashboardLoop {
    let store: EventStore
    let configuration: DashboardConfiguration
    var state: UIState
    private var alerts: AlertChecks?
    private let historyReads: HistoryReads?
    /// What the last frame showed of the store and the clock; a frame is drawn when it differs.
    private var shownStore: StoreMark?
    private var shownSecond: Int64?
    private var stateChanged = true
    private var shownTheme = 0

    init(store: EventStore, configuration: DashboardConfiguration, size: TerminalSize) {
        self.store = store
        self.configuration = configuration
        alerts = configuration.alerts
        historyReads = configuration.historyReader.map(HistoryReads.init(reader:))
        state = UIState(
            size: size, themeNames: configuration.themes.map(\.name), notice: configuration.notice,
            readsHistory: historyReads != nil)
    }

    mutating func run(on session: inout TerminalSession) {
        let frameMilliseconds = Int32(1000 / max(1, min(configuration.framesPerSecond, 1000)))
        while !state.quits, !session.isTerminationRequested {
            drawIfChanged(on: &session)
            // Sleeping inside the key wait is what keeps an idle dashboard near 0% CPU.
            guard let input = session.nextInput(waitingMilliseconds: frameMilliseconds) else { continue }
            handle(input, session: session)
            // Apply keys typed ahead (a pasted filter) before drawing again.
            while !state.quits, let more = session.nextInput(waitingMilliseconds: 0) { handle(more, session: session) }
        }
    }

    private mutating func handle(_ input: TerminalInput, session: borrowing TerminalSession) {
        stateChanged = true
        switch input {
        case .resized:
            reduce(&state, .resize(session.size))
        case .key(let key):
            if let action = KeyTable.action(for: key, in: state.mode) { reduce(&state, action) }
        }
        if let effect = state.effect { carry(out: effect, session: session) }
    }

    /// Does what the state asked for and the reducer cannot: the clipboard, the network.
    private mutating func carry(out effect: Effect, session: borrowing TerminalSession) {
        switch effect {
        case .copy(let request):
            let command = CurlCommand.make(for: request, callbackURL: configuration.callbackURL)
            session.copyToClipboard(command)
            reduce(&state, .showCopy(command))
        case .resend(let request, let sequence):
            if let resend = configuration.resend {
                resend(request, sequence)
            } else {
                reduce(&state, .notify("no app to resend to: start watop with --forward-to or --resend-to"))
            }
        case .readHistory(let query):
            historyReads?.read(query)
        case .readStoredDetails(let stored):
            historyReads?.readDetails(of: stored)
        }
        reduce(&state, .effectTaken)
    }

    private mutating func drawIfChanged(on session: inout TerminalSession) {
        let snapshot = store.snapshot()
        let mark = StoreMark(snapshot)
        let now = UnixTime.now()
        for notice in configuration.notices.take() {
            reduce(&state, .notify(notice))
            stateChanged = true
        }
        for answer in historyReads?.take() ?? [] {
            reduce(&state, answer)
            // A short page asks at once for the next.
            if let effect = state.effect { carry(out: effect, session: session) }
            stateChanged = true
        }
        checkAlerts(at: now, session: session)
        if now.seconds != shownSecond {
            if let history = configuration.history { reduce(&state, .history(history())) }
            if let fleet = configuration.fleet { reduce(&state, .fleet(fleet())) }
        }
        guard stateChanged || mark != shownStore || now.seconds != shownSecond else { return }
        // At every frame drawn, not only when the store changed: pausing freezes the snapshot
        // of the last frame, and its rates are measured at the moment it was taken.
        reduce(&state, .refresh(snapshot, at: now))
        if let detail = state.detail { reduce(&state, .showDetails(of: detail.event, from: store)) }
        if state.showsLatency { reduce(&state, .showLatencies(store.latencies(window: state.rateWindow, at: now))) }
        if state.themeIndex != shownTheme {
            session.apply(configuration.themes[state.themeIndex])
            shownTheme = state.themeIndex
        }
        session.paint(render(state, Frame(now: now, callbackURL: configuration.callbackURL, warning: configuration.warning)))
        shownStore = mark
        shownSecond = now.seconds
        stateChanged = false
    }
}

extension DashboardLoop {
    /// Once a second: the rules' states for the screen, and the bell when one starts to fire.
    fileprivate mutating func checkAlerts(at now: UnixTime, session: borrowing TerminalSession) {
        guard var checks = alerts, now.seconds != shownSecond else { return }
        let changes = checks.due(at: now)
        alerts = checks
        if changes.contains(where: { $0.state == .firing }) { session.bell() }
        reduce(&state, .alerts(checks.monitor.statuses()))
    }
}

/// Enough of a snapshot to tell whether anything on screen could have changed.
private struct StoreMark: Equatable {
    var newestSequence: UInt64?
    var accepted: Int
    var rejected: Int
    /// Forward attempts answered and still waiting: an outcome changes what an event shows.
    var forwards: (ended: Int, inFlight: Int)

    init(_ snapshot: StoreSnapshot) {
        newestSequence = snapshot.events.newestSequence
        accepted = snapshot.aggregates.accepted
        rejected = snapshot.aggregates.rejected
        let health = snapshot.forwards?.health
        forwards = (health?.attempts ?? 0, health?.inFlight ?? 0)
    }

    static func == (a: StoreMark, b: StoreMark) -> Bool {
        a.newestSequence == b.newestSequence && a.accepted == b.accepted && a.rejected == b.rejected
            && a.forwards == b.forwards
    }
}
