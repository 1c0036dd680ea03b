import WatopCore

/// Everything the dashboard shows apart from the clock: what the user did (focus, filter,
/// pause, selection, open views) and the data as last refreshed. Changed only by `reduce`.
public struct UIState: Sendable {
    public internal(set) var size: TerminalSize
    public internal(set) var focus: Panel = .events
    var sorts: [Panel: SortOrder] = [:]
    public internal(set) var filter = FilterPrompt()
    /// The newest snapshot of the store.
    public internal(set) var live: StoreSnapshot?
    /// When `live` was taken.
    var liveAt: UnixTime?
    /// The snapshot on screen while paused.
    public internal(set) var frozen: StoreSnapshot?
    /// When `frozen` was taken.
    var frozenAt: UnixTime?
    /// The shown snapshot's events through the applied filter, with their totals.
    public internal(set) var view = FilteredEvents(filter: .everything, window: .empty)
    /// The selected event's sequence number; nil while the selection follows the newest event.
    public internal(set) var selection: UInt64?
    /// Where the selected row sits in the list, so that it stays put while events arrive.
    var selectionScreenRow = 0
    public internal(set) var detail: DetailState?
    /// Whether a history database can be read (`--store`, `watop attach`): `H` opens it.
    public let readsHistory: Bool
    /// The open History view.
    public internal(set) var historyView: HistoryState?
    /// How many reads of the history were asked for: the next one's number.
    var historyReads = 0
    public internal(set) var showsRejections = false
    var rejectionsScroll = 0
    public internal(set) var showsNotices = false
    /// Notices scrolled past, from the newest.
    var noticesScroll = 0
    /// Every alert rule's state, as of the last check; empty without rules.
    public internal(set) var alerts: [AlertStatus] = []
    /// How far the history database is behind the journal; nil without `--store`.
    public internal(set) var history: HistoryProgress?
    /// Each receiver of the fleet and the database's state; nil but in `watop attach`.
    public internal(set) var fleet: FleetStatus?
    public internal(set) var showsAlerts = false
    var alertsScroll = 0
    public internal(set) var showsLatency = false
    /// What the latency view shows, as last read from the store; nil until it is opened.
    public internal(set) var latencies: DeliveryLatencies?
    var latencyScroll = 0
    public internal(set) var showsStuck = false
    var stuckScroll = 0
    /// The span the Rates chart shows, which `w` cycles.
    public internal(set) var rateWindow = RateWindow.fiveMinutes
    public internal(set) var showsBreakdown = false
    /// What the Breakdown groups by.
    public internal(set) var breakdownKey = BreakdownKey.ref
    /// The selected row of the Breakdown, from the top.
    var breakdownRow = 0
    /// When the Rates chart's column under the cursor begins; nil while the chart has no
    /// focus. A time rather than a column, so that the cursor stays on its column as the
    /// chart moves on and finds it again when the window changes.
    public internal(set) var rateCursor: UnixTime?
    public internal(set) var showsHelp = false
    var helpScroll = 0
    public internal(set) var quits = false
    /// The themes `t` cycles through, by name; the terminal backend owns their colors.
    public let themeNames: [String]
    public internal(set) var themeIndex = 0

    /// A message for the footer until the next key (a theme that could not be loaded…).
    public internal(set) var notice: String?

    public init(size: TerminalSize, themeNames: [String] = [Theme.standard.name], notice: String? = nil, readsHistory: Bool = false) {
        self.size = size
        self.readsHistory = readsHistory
        self.themeNames = themeNames.isEmpty ? [Theme.standard.name] : themeNames
        self.notice = notice
    }

    public var themeName: String { themeNames[themeIndex] }

    /// The snapshot on screen: frozen while paused, else live.
    public var shown: StoreSnapshot? { frozen ?? live }

    public var isPaused: Bool { frozen != nil }

    /// The moment rates are measured at in a frame drawn at `now`: while paused, the moment the
    /// frozen snapshot was taken, since measuring its arrivals against the running clock would
    /// show traffic that goes on as falling to zero.
    func rateTime(now: UnixTime) -> UnixTime { frozenAt ?? now }

    /// When the snapshot on screen was taken: the moment a filter's time terms count from
    /// (`since:15m`) and the Rates cursor steps against, so that a paused screen works on
    /// what it shows.
    var shownAt: UnixTime { frozenAt ?? liveAt ?? UnixTime(milliseconds: 0) }

    /// Events accepted since the screen was paused.
    public var arrivedWhilePaused: Int {
        guard let frozen, let live else { return 0 }
        return live.aggregates.accepted - frozen.aggregates.accepted
    }

    public func sort(of panel: Panel) -> SortOrder? { sorts[panel] ?? panel.sortOrders.first }

    /// The view on top, which decides what keys do.
    /// What the terminal backend should do next, taken with `.effectTaken`.
    public internal(set) var effect: Effect?
    /// The question on the footer line, while one is asked.
    public internal(set) var question: String?
    /// The request `question` asks about.
    var pendingResend: (request: RawRequest, sequence: UInt64)?

    public var mode: InputMode {
        if showsHelp { return .help }
        if question != nil { return .confirm }
        if filter.isEditing { return .filterPrompt }
        if detail != nil { return .detail }
        if historyView?.detail != nil { return .storedDetail }
        if historyView != nil { return .history }
        if showsRejections { return .rejections }
        if showsNotices { return .notices }
        if showsAlerts { return .alerts }
        if showsStuck { return .stuck }
        if showsLatency { return .latency }
        if showsBreakdown { return .breakdown }
        return .dashboard
    }

    /// The row of the list that is highlighted, newest first.
    var selectedRow: Int {
        selection.flatMap(view.row(of:)) ?? 0
    }
}

/// The filter prompt: the filter in force, and the text being typed.
public struct FilterPrompt: Sendable {
    /// The filter the list shows: the draft while it compiles (a live preview), else `kept`.
    public internal(set) var applied = EventFilter.everything
    /// The filter last kept with Enter, in force again while the draft does not compile: a
    /// half-typed `status:` would otherwise leave the list on `status`, a free-text search.
    public internal(set) var kept = EventFilter.everything
    public internal(set) var draft = ""
    public internal(set) var isEditing = false
    /// Why the draft does not compile; `kept` is shown meanwhile.
    public internal(set) var error: FilterError?

    /// Whether the header needs its filter line.
    var isVisible: Bool { isEditing || !applied.isEmpty || error != nil }
}

/// The open detail view: a copy of the event, so it stays readable after the ring drops it.
public struct DetailState: Sendable {
    public let event: CallbackEvent
    public internal(set) var lifecycle: MessageLifecycle?
    /// The request it came in: only the newest events keep theirs (`--raw-buffer`).
    public internal(set) var request: RawRequest?
    /// What became of that request at the app, when watop forwards.
    public internal(set) var forward: ForwardRecord?
    /// The request as a `curl` command, shown once `y` was pressed.
    public internal(set) var copied: String?
    var scroll = 0
}
