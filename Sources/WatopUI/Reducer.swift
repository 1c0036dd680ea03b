import WatopCore

/// The one place where the dashboard's state changes: applies `action` to `state`.
public func reduce(_ state: inout UIState, _ action: Action) {
    switch action {
    case .refresh, .showDetails, .resize, .notify, .showCopy, .effectTaken, .alerts, .history, .fleet, .showLatencies,
        .historyPage, .storedDetails:
        break
    default: state.notice = nil  // a key was pressed: the message has been seen
    }
    switch action {
    case .refresh(let snapshot, let time):
        state.live = snapshot
        state.liveAt = time
        if !state.isPaused { state.show(snapshot) }
    case .showDetails(let lifecycle, let request, let forward):
        state.detail?.lifecycle = lifecycle
        // Once shown, the request and its attempts stay for as long as the view is open, even
        // after the store lets them go.
        if let request { state.detail?.request = request }
        if let forward { state.detail?.forward = forward }
    case .notify(let text):
        state.notice = text
    case .copyAsCurl:
        guard let request = state.detail?.request else {
            state.notice = "the request is no longer kept (--raw-buffer): nothing to copy"
            return
        }
        state.effect = .copy(request)
    case .showCopy(let command):
        state.detail?.copied = command
    case .askResend:
        guard let request = state.detail?.request, let sequence = state.detail?.event.sequence else {
            state.notice = "the request is no longer kept (--raw-buffer): nothing to resend"
            return
        }
        state.question = "Resend this request (\(request.method) \(request.bodyCount) bytes) to the app? y/n"
        state.effect = nil
        state.pendingResend = (request, sequence)
    case .confirmResend(let yes):
        state.question = nil
        if yes, let pending = state.pendingResend {
            state.effect = .resend(pending.request, sequence: pending.sequence)
            state.notice = "resending to the app…"
        }
        state.pendingResend = nil
    case .effectTaken:
        state.effect = nil
    case .resize(let size):
        state.size = size
        if !state.layout.focusOrder.contains(state.focus) { state.focus = .events }
        if state.focus != .rates { state.rateCursor = nil }
    case .quit:
        state.quits = true
    case .togglePause:
        if state.isPaused {
            state.frozen = nil
            state.frozenAt = nil
            if let live = state.live { state.show(live) }
        } else {
            state.frozen = state.live
            state.frozenAt = state.liveAt
        }
    case .move(let movement):
        state.move(movement)
    case .openDetail:
        if state.historyView != nil { return state.openStoredDetail() }
        if state.focus == .rates { return state.filterToRateCursor() }
        guard let event = state.view.event(atRow: state.selectedRow) else { return }
        // Pin the selection so that the list does not move under the open detail view.
        state.selection = event.sequence
        state.detail = DetailState(event: event)
    case .closeDetail:
        if state.mode == .storedDetail {
            state.historyView?.detail = nil
        } else {
            state.detail = nil
        }
    case .toggleHistory:
        state.toggleHistory()
    case .historyPage(let number, let result):
        state.receiveHistoryPage(number: number, result)
    case .storedDetails(let stored, let result):
        state.receiveStoredDetails(of: stored, result)
    case .toggleRejections:
        state.showsRejections.toggle()
        state.rejectionsScroll = 0
    case .toggleNotices:
        state.showsNotices.toggle()
        state.noticesScroll = 0
    case .toggleAlerts:
        state.showsAlerts.toggle()
        state.alertsScroll = 0
    case .toggleLatency:
        state.showsLatency.toggle()
        state.latencyScroll = 0
    case .showLatencies(let latencies):
        state.latencies = latencies
    case .toggleStuck:
        state.showsStuck.toggle()
        state.stuckScroll = 0
    case .alerts(let statuses):
        state.alerts = statuses
    case .history(let progress):
        state.history = progress
    case .fleet(let status):
        state.fleet = status
    case .toggleBreakdown:
        state.showsBreakdown.toggle()
        state.breakdownRow = 0
        // The matches are grouped by message only once the panel is wanted.
        if state.showsBreakdown, !state.view.groupsBreakdown, !state.view.filter.isEmpty { state.apply(state.view.filter) }
    case .cycleBreakdownKey:
        state.breakdownKey = state.breakdownKey.next
        state.breakdownRow = 0
    case .filterBreakdownGroup:
        state.filterBreakdownGroup()
    case .toggleHelp:
        state.showsHelp.toggle()
        state.helpScroll = 0
    case .focusNext, .focusPrevious:
        let order = state.layout.focusOrder
        let index = order.firstIndex(of: state.focus) ?? 0
        let step = if case .focusNext = action { 1 } else { order.count - 1 }
        state.focus = order[(index + step) % order.count]
        if state.focus != .rates { state.rateCursor = nil }
    case .cycleTheme:
        state.themeIndex = (state.themeIndex + 1) % state.themeNames.count
    case .cycleRateWindow:
        state.rateWindow = RateWindow(rawValue: (state.rateWindow.rawValue + 1) % RateWindow.allCases.count) ?? .fiveMinutes
    case .moveRateCursor(let step):
        state.moveRateCursor(step)
    case .sideways(let step):
        guard state.focus == .rates else {
            state.notice = "← → move the Rates cursor: Tab to Rates, or press [ or ]"
            return
        }
        state.moveRateCursor(step)
    case .cycleSort:
        let orders = state.focus.sortOrders
        guard !orders.isEmpty else {
            let sortable = state.layout.focusOrder.filter { !$0.sortOrders.isEmpty }.map(\.title)
            let hint = sortable.isEmpty ? "" : "; Tab to " + sortable.joined(separator: " or ")
            state.notice = "nothing to sort in \(state.focus.title)\(hint)"
            return
        }
        guard let current = state.sort(of: state.focus), let index = orders.firstIndex(of: current) else { return }
        state.sorts[state.focus] = orders[(index + 1) % orders.count]
    case .beginFilter:
        state.filter.isEditing = true
        state.filter.draft = state.filter.applied.text
        state.filter.error = nil
    case .editFilter(let edit):
        switch edit {
        case .insert(let character): state.filter.draft.append(character)
        case .deleteBackward: _ = state.filter.draft.popLast()
        case .deleteAll: state.filter.draft = ""
        }
        state.previewDraft()
    case .commitFilter:
        // Kept again, `since:15m` counts from now: the way to move it on.
        state.previewDraft(reapplyingTimes: true)
        if state.filter.error == nil {
            state.filter.isEditing = false
            state.filter.kept = state.filter.applied
            state.refilterHistory()
        }
    case .clearFilter:
        state.filter = FilterPrompt()
        state.apply(.everything)
        state.refilterHistory()
    case .showDeadLetters:
        // The list of dead letters is the filter that finds them, shown as if typed, so the
        // user sees how to get there again and Esc leaves it.
        state.applyTyped("fwd:dead")
    }
}

extension UIState {
    var layout: DashboardLayout { DashboardLayout(size: size, showsFilterLine: filter.isVisible) }

    /// Brings the view up to `snapshot`, incrementally when the filter is unchanged.
    fileprivate mutating func show(_ snapshot: StoreSnapshot) {
        view.update(to: snapshot.events, forwards: snapshot.forwards)
        releaseVanishedSelection()
    }

    /// Puts `text` in force as if typed and kept with Enter.
    fileprivate mutating func applyTyped(_ text: String) {
        let filter: EventFilter
        do {
            filter = try EventFilter(parsing: text, now: shownAt)
        } catch {
            notice = "cannot filter with \(text): \(error)"
            return
        }
        self.filter = FilterPrompt()
        self.filter.draft = text
        self.filter.applied = filter
        self.filter.kept = filter
        apply(filter)
    }

    /// Narrows the filter in force to the Breakdown's selected group, and shows the events.
    fileprivate mutating func filterBreakdownGroup() {
        let rows = BreakdownView.shown(self)
        guard !rows.isEmpty else { return }
        let row = rows[min(breakdownRow, rows.count - 1)]
        let term: String?
        switch row.group {
        case .value(let name): term = breakdownKey.filterTerm(forGroup: name)
        case .noValue: term = breakdownKey.filterTerm(forGroup: nil)
        case .other: term = nil
        }
        guard let term else {
            notice = "no filter term selects this group"
            return
        }
        showsBreakdown = false
        breakdownRow = 0
        let current = view.filter.text
        applyTyped(current.isEmpty ? term : current + " " + term)
    }

    fileprivate mutating func apply(_ filter: EventFilter) {
        view = FilteredEvents(
            filter: filter, window: shown?.events ?? .empty, forwards: shown?.forwards, messages: shown?.messageStates,
            bounds: shown?.aggregates.bounds ?? TableBounds(), groupsBreakdown: showsBreakdown)
        releaseVanishedSelection()
    }

    /// The Rates chart's columns as drawn in this layout; nil when the chart is not on screen.
    private var rateColumns: RateColumns? {
        layout.panels[.rates].map { RateColumns(rateWindow, width: RatesPanel.chartWidth(in: $0), now: shownAt) }
    }

    /// Moves the cursor `step` columns, within the chart; the first step puts it on the newest.
    fileprivate mutating func moveRateCursor(_ step: Int) {
        guard let columns = rateColumns else {
            notice = "the Rates chart does not fit this terminal"
            return
        }
        focus = .rates
        let index = rateCursor.map { columns.index(holding: $0) + step } ?? columns.count - 1
        rateCursor = columns.start(of: min(max(0, index), columns.count - 1))
    }

    /// Keeps the filter's other terms and narrows it to the time of the column under the
    /// cursor (the newest without one).
    fileprivate mutating func filterToRateCursor() {
        guard let columns = rateColumns else { return }
        let index = rateCursor.map(columns.index(holding:)) ?? columns.count - 1
        let start = columns.start(of: index)
        rateCursor = start
        applyTyped(EventFilter.text(filter.applied.text, from: start, until: UnixTime(seconds: start.seconds + columns.seconds)))
    }

    /// A selected event that was overwritten or filtered out leaves the list following the newest.
    private mutating func releaseVanishedSelection() {
        guard let selection, view.row(of: selection) == nil else { return }
        self.selection = nil
        selectionScreenRow = 0
    }

    /// Applies the draft when it compiles (a live preview); otherwise goes back to the filter
    /// last kept and records why.
    fileprivate mutating func previewDraft(reapplyingTimes: Bool = false) {
        let compiled: EventFilter
        do {
            compiled = try EventFilter(parsing: filter.draft, now: shownAt)
            filter.error = nil
        } catch {
            filter.error = error
            compiled = filter.kept
        }
        if compiled.text != filter.applied.text || reapplyingTimes && compiled.countsFromNow {
            filter.applied = compiled
            apply(compiled)
        }
    }

    fileprivate mutating func move(_ movement: Movement) {
        switch mode {
        case .help:
            let inside = HelpOverlay.frame(in: size).inset(by: 1)
            let lines = HelpOverlay.lines(width: inside.width - 1).count
            helpScroll = scrolled(helpScroll, movement, page: inside.height, lines: lines)
        case .detail:
            guard let detail else { return }
            let area = layout.body.inset(by: 1)
            let lines = DetailView.lines(of: detail, width: area.width).count
            self.detail?.scroll = scrolled(detail.scroll, movement, page: area.height, lines: lines)
        case .rejections:
            let area = layout.body.inset(by: 1)
            let lines = RejectionsView.lines(of: shown, width: area.width).count
            rejectionsScroll = scrolled(rejectionsScroll, movement, page: area.height, lines: lines)
        case .notices:
            // One row per notice, under the table's own header row.
            let rows = layout.body.inset(by: 1).height - 1
            noticesScroll = scrolled(noticesScroll, movement, page: rows, lines: NoticesView.shown(shown?.notices ?? [], state: self).count)
        case .alerts:
            let rows = layout.body.inset(by: 1).height - 1
            alertsScroll = scrolled(alertsScroll, movement, page: rows, lines: alerts.count)
        case .latency:
            let rows = layout.body.inset(by: 1).height - 1
            latencyScroll = scrolled(latencyScroll, movement, page: rows, lines: 1 + (latencies?.numbers.count ?? 0))
        case .stuck:
            let rows = layout.body.inset(by: 1).height - 1
            stuckScroll = scrolled(stuckScroll, movement, page: rows, lines: shown?.stuck.groups.count ?? 0)
        case .breakdown:
            // One row per group, under the table's own header row.
            let last = BreakdownView.shown(self).count - 1
            let page = max(1, layout.body.inset(by: 1).height - 1)
            breakdownRow = min(max(0, movement.target(from: breakdownRow, page: page, last: last)), max(0, last))
        case .history:
            moveInHistory(movement)
        case .storedDetail:
            scrollStoredDetail(movement)
        case .dashboard:
            moveSelection(movement)
        case .filterPrompt, .confirm:
            break
        }
    }

    private mutating func moveSelection(_ movement: Movement) {
        let page = max(1, layout.listRows)
        let count = view.count
        let current = selectedRow
        let target = movement.target(from: current, page: page, last: count - 1)
        // Past the oldest buffered event, on into the history, from that event's moment.
        if readsHistory, count > 0, current == count - 1, target > current, movement != .bottom,
            let oldest = view.event(atRow: current)
        {
            return openHistory(from: .receivedAtOrBefore(oldest.receivedAt))
        }
        // The top row follows the stream: reaching it lets go of the selected event.
        guard target > 0, count > 0 else {
            selection = nil
            selectionScreenRow = 0
            return
        }
        let row = min(target, count - 1)
        selection = view.sequence(atRow: row)
        selectionScreenRow = min(max(0, selectionScreenRow + row - current), page - 1)
    }
}

/// A scroll offset moved by `movement` and kept within the content.
func scrolled(_ offset: Int, _ movement: Movement, page: Int, lines: Int) -> Int {
    let last = max(0, lines - page)
    let moved =
        switch movement {
        case .up: offset - 1
        case .down: offset + 1
        case .pageUp: offset - max(1, page)
        case .pageDown: offset + max(1, page)
        case .top: 0
        case .bottom: last
        }
    return min(max(0, moved), last)
}
