import WatopCore

/// The header: where to point Kaleyra, how long watop has run, all-time totals with the
/// rate of the last minute, and the pause and filter state.
enum HeaderView {
    /// Seconds over which the header's events/s averages.
    static let rateWindow = 10

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState, frame: Frame) {
        guard !rect.isEmpty else { return }
        let bar = Rect(x: rect.x, y: rect.y, width: rect.width, height: min(rect.height, 2))
        grid.fill(bar, role: .header)
        let snapshot = state.shown
        let uptime = Format.elapsed(seconds: (frame.now.milliseconds - (snapshot?.startedAt.milliseconds ?? frame.now.milliseconds)) / 1000)
        // The URL to give the provider first; the clock, which the terminal's owner has
        // elsewhere, last.
        var items = [
            HeaderItem(spans: [Span(" watop ", .headerTitle)], priority: 9),
            HeaderItem(spans: [Span(" callback ", .header), Span(frame.callbackURL, .headerURL)], priority: 10, cuttable: true),
            HeaderItem(spans: [Span("  up \(uptime)", .header)], priority: 5),
        ]
        if let warning = frame.warning {
            items.append(HeaderItem(spans: [Span(" ⚠ \(warning) ", .filterError)], priority: 8, trailing: true, cuttable: true))
        }
        // A firing rule is what the user must not miss: it outranks all but the URL. The count
        // and the figure come first, so that a narrow header cuts the rule's text, not them.
        let firing = state.alerts.filter(\.firing)
        if let first = firing.first {
            let count = firing.count > 1 ? "×\(firing.count) · " : ""
            let figure = first.value.map { AlertsView.figure($0, of: first.measure) + " " } ?? ""
            items.append(
                HeaderItem(spans: [Span(" ALERT \(count)\(figure)\(first.rule) ", .alert)], priority: 9, trailing: true, cuttable: true))
        }
        if state.isPaused {
            items.append(
                HeaderItem(spans: [Span(" PAUSED · \(Format.count(state.arrivedWhilePaused)) new ", .paused)], priority: 9, trailing: true))
        }
        items.append(HeaderItem(spans: [Span(" \(frame.now.clockTime) UTC ", .header)], priority: 3, trailing: true))
        HeaderItem.draw(items, in: &grid, x: rect.x, y: rect.y, width: rect.width)
        if rect.height >= 2 {
            drawTotals(
                in: &grid, y: rect.y + 1, rect: rect, snapshot: snapshot, history: state.history, fleet: state.fleet, now: frame.now,
                rateTime: state.rateTime(now: frame.now))
        }
        if rect.height >= 3 { drawFilterLine(in: &grid, y: rect.y + 2, rect: rect, state: state) }
    }

    /// The fleet (`watop attach`): the database when it can't be reached, then each receiver
    /// with its rate, or how long it has been silent.
    private static func fleetItems(_ fleet: FleetStatus, now: UnixTime) -> [HeaderItem] {
        var items: [HeaderItem] = []
        if let since = fleet.unreachableSince {
            items.append(
                HeaderItem(
                    spans: [Span("  database unreachable since \(since.clockTime) UTC", .error)], priority: 10, cuttable: true))
        }
        if !fleet.loaded {
            items.append(HeaderItem(spans: [Span("  loading \(Format.count(fleet.eventsRead))…", .warning)], priority: 9))
        }
        var spans = [Span("  receivers ", .header)]
        for (index, receiver) in fleet.receivers.enumerated() {
            if index > 0 { spans.append(Span(" · ", .muted)) }
            spans.append(Span(receiver.name + " ", .header))
            if receiver.isSilent(at: now) {
                let silence = receiver.lastWrittenAt.map { Format.elapsed(seconds: (now.milliseconds - $0.milliseconds) / 1000) }
                spans.append(Span(silence.map { "silent \($0)" } ?? "silent", .warning))
            } else {
                spans.append(Span(Format.rate(receiver.eventsPerSecond), .headerTitle))
            }
        }
        items.append(HeaderItem(spans: spans, priority: 8, cuttable: true))
        return items
    }

    /// The history database (`--store`): what it holds since start while it keeps up; how far
    /// behind it is, or why it fails, when it does not.
    private static func historyItem(_ history: HistoryProgress) -> HeaderItem {
        if let problem = history.problem {
            return HeaderItem(spans: [Span("  store ", .header), Span("failing: \(problem)", .warning)], priority: 8, cuttable: true)
        }
        if history.isBehind {
            return HeaderItem(spans: [Span("  store behind ", .header), Span(Format.count(history.backlogLines), .warning)], priority: 8)
        }
        return HeaderItem(spans: [Span("  stored ", .header), Span(Format.count(history.eventsWritten), .header)], priority: 4)
    }

    private static func drawTotals(
        in grid: inout Grid, y: Int, rect: Rect, snapshot: StoreSnapshot?, history: HistoryProgress?, fleet: FleetStatus?,
        now: UnixTime,
        rateTime: UnixTime
    ) {
        let aggregates = snapshot?.aggregates ?? Aggregates()
        let held = snapshot?.events.count ?? 0
        let capacity = snapshot?.capacity ?? 0
        // Most telling first: what arrives, what is refused, what the app makes of it, what it
        // costs; the buffer and the lifecycle oddities after.
        var items = [
            HeaderItem(
                spans: [
                    Span(" events ", .header), Span(Format.count(aggregates.accepted), .headerTitle),
                    Span("  " + Format.rate(aggregates.rate.rate(overLast: rateWindow, now: rateTime)) + " ", .header),
                ], priority: 10),
            HeaderItem(spans: [Span("  reported ", .header), Span(Format.price(aggregates.price.total), .price)], priority: 7),
            HeaderItem(
                spans: [Span("  rejected ", .header), Span(Format.count(aggregates.rejected), aggregates.rejected > 0 ? .warning : .header)],
                priority: 9),
        ]
        // A template paused or a number downgraded explains what follows (`N` lists them).
        let recentNotices = NoticesView.lastHour(snapshot?.notices ?? [], now: now)
        if recentNotices > 0 {
            items.append(
                HeaderItem(spans: [Span("  notices ", .header), Span("\(Format.count(recentNotices))/1h", .warning)], priority: 8))
        }
        // Messages that went quiet before reaching the phone (`S` lists them).
        if let stuck = snapshot?.stuck.total, stuck > 0 {
            items.append(HeaderItem(spans: [Span("  stuck ", .header), Span(Format.count(stuck), .warning)], priority: 8))
        }
        if let history { items.append(historyItem(history)) }
        if let fleet { items += fleetItems(fleet, now: now) }
        // Why, in a word: the reason most refusals had (`r` lists them all).
        if let top = RejectionsView.reasons(in: aggregates).first {
            items.append(HeaderItem(spans: [Span(" (\(top.reason.rawValue) \(Format.count(top.count)))", .warning)], priority: 6))
        }
        if let health = snapshot?.forwards?.health {
            items.append(HeaderItem(spans: appHealth(health, now: now), priority: 8, cuttable: true))
        }
        items += [
            HeaderItem(
                spans: [Span("  buffer \(Format.count(held))/\(Format.count(capacity)) (\(Format.percent(held, of: capacity)))", .header)],
                priority: 5),
            HeaderItem(spans: [Span("  out-of-order \(Format.count(snapshot?.outOfOrder ?? 0))", .header)], priority: 3),
            HeaderItem(spans: [Span("  duplicates \(Format.count(snapshot?.duplicates ?? 0))", .header)], priority: 4),
        ]
        // The sparkline, after the rate, takes what the figures leave, up to a minute.
        let sparkSeconds = min(60, rect.width - items.reduce(0) { $0 + $1.width })
        if sparkSeconds >= 10 {
            let history = aggregates.rate.history(seconds: sparkSeconds, now: rateTime)
            items.insert(HeaderItem(spans: [Span(Format.sparkline(history), .sparkline)], priority: 1), at: 1)
        }
        HeaderItem.draw(items, in: &grid, x: rect.x, y: y, width: rect.width)
    }

    /// The app behind watop: ok, or failing since when and why; requests still waiting for it.
    private static func appHealth(_ health: ForwardHealth, now: UnixTime) -> [Span] {
        var spans = [Span("  app ", .header)]
        if let since = health.failingSince {
            let problem = health.lastProblem.map { " (\($0.prefix(40)))" } ?? ""
            spans.append(
                Span("failing since \(since.clockTime), \(Format.elapsed(seconds: (now.milliseconds - since.milliseconds) / 1000))" + problem, .error))
        } else if health.attempts == 0 {
            spans.append(Span("waiting", .header))
        } else {
            spans.append(Span("ok", .statusDelivered))
        }
        if health.queueDepth > 0 {
            let age = health.oldestQueuedAt.map { ", oldest \(Format.elapsed(seconds: (now.milliseconds - $0.milliseconds) / 1000))" } ?? ""
            spans.append(Span(" · queue \(Format.count(health.queueDepth))" + age, .warning))
        } else if health.inFlight > 0 {
            spans.append(Span(" · \(Format.count(health.inFlight)) in flight", .header))
        }
        if health.deadLettered > 0 { spans.append(Span(" · \(Format.count(health.deadLettered)) dead letters", .error)) }
        return spans
    }

    private static func drawFilterLine(in grid: inout Grid, y: Int, rect: Rect, state: UIState) {
        let prompt = state.filter
        let view = state.view
        let matching = "  \(Format.count(view.count)) of \(Format.count(view.window.count)) events match"
        var spans: [Span]
        if prompt.isEditing {
            spans = [Span(" / ", .filterPrompt), Span(prompt.draft, .filterText), Span("▏", .filterPrompt)]
            if let error = prompt.error {
                // What the list shows stays whole; a long error gives way to it.
                let kept = prompt.kept.isEmpty ? "all events" : prompt.kept.text
                let items = [
                    HeaderItem(spans: spans, priority: 10, cuttable: true),
                    HeaderItem(spans: [Span("  ✗ ", .filterError), Span(error.message, .filterError)], priority: 8, cuttable: true),
                    HeaderItem(spans: [Span("  (still showing \(kept))", .muted)], priority: 9),
                ]
                return HeaderItem.draw(items, in: &grid, x: rect.x, y: y, width: rect.width)
            }
            spans.append(Span(matching, .muted))
        } else {
            spans = [Span(" filter ", .filterPrompt), Span(prompt.applied.text, .filterText), Span(matching, .muted)]
        }
        grid.write(spans, x: rect.x, y: y, limit: rect.width)
    }
}
