import WatopCore

/// Statuses: count, share and recent rate per status (events), and below them the messages:
/// how many, where they stand, how many of them reached the phone and were read.
enum StatusesPanel {
    /// Seconds over which the rate column averages.
    static let rateWindow = 10

    static func draw(in grid: inout Grid, _ rect: Rect, totals: DashboardTotals, state: UIState, now: UnixTime) {
        let sort = state.sort(of: .statuses) ?? .lifecycle
        let inside = grid.box(rect, title: Panel.statuses.title, note: sort.label, focused: state.focus == .statuses)
        guard !inside.isEmpty else { return }
        let counts = totals.statuses
        let total = counts.total
        var statuses = inLifecycleOrder(counts.statusesSeen)
        // A table too short for every status keeps those that have events: the ones listed at
        // zero (Kaleyra's five always are) give way first.
        if statuses.count > inside.height - 2 { statuses = statuses.filter { counts.count(of: $0) > 0 } }
        if sort == .count {
            // Most events first; ties keep lifecycle order.
            statuses = statuses.enumerated()
                .sorted { (counts.count(of: $0.element), -$0.offset) > (counts.count(of: $1.element), -$1.offset) }.map(\.element)
        }
        let columns = [
            TableColumn(title: "status", width: 9, flexible: true, priority: 9),
            TableColumn(title: "count", width: 9, alignment: .right, priority: 8),
            TableColumn(title: "share", width: 6, alignment: .right, priority: 7),
            TableColumn(title: "rate", width: 8, alignment: .right, priority: 6),
        ]
        let rateTime = state.rateTime(now: now)
        let rows = statuses.map { status in
            let rate = totals.rates[status]?.rate(overLast: rateWindow, now: rateTime) ?? 0
            return [
                status == .other(TableBounds.other)
                    ? Span(Format.otherRow(beyond: TableBounds.otherStatuses), .warning) : Span(status.name, status.role),
                Span(Format.count(counts.count(of: status))),
                Span(Format.percent(counts.count(of: status), of: total), .muted), Span(Format.rate(rate), .muted),
            ]
        }
        let (tableArea, funnelLines) = inside.splitTop(inside.height - funnelHeight)
        grid.noteLeftOut(Table(columns: columns, rows: rows).draw(in: &grid, tableArea), inBoxOf: inside)
        for (line, spans) in funnel(totals.messages, filtered: !state.view.filter.isEmpty).enumerated()
        where line < funnelLines.height {
            grid.write(spans, x: funnelLines.x, y: funnelLines.y + line, limit: funnelLines.width)
        }
    }

    /// Lines under the table for the message counts.
    static let funnelHeight = 2

    /// Messages, not events: a `delivered` whose `sent` watop never saw is still one message
    /// sent, so neither ratio can pass 100%.
    private static func funnel(_ messages: MessageFunnel, filtered: Bool) -> [[Span]] {
        let total = messages.total
        var counts = [
            // A filter narrows the events, not the messages: say so.
            Span(filtered ? "all messages " : "messages ", .muted), Span(Format.count(total.seen)),
            Span("  pending ", .muted), Span(Format.count(total.pending)),
            Span("  failed ", .muted), Span(Format.count(total.failed), total.failed > 0 ? .statusFailed : .text),
        ]
        if messages.evicted > 0 { counts += [Span("  evicted ", .muted), Span(Format.count(messages.evicted), .warning)] }
        let ratios = [
            Span("reached/sent ", .muted), Span(Format.percent(total.reached, of: total.seen)),
            Span("  read/reached ", .muted), Span(Format.percent(total.read, of: total.reached)),
        ]
        return [counts, ratios]
    }

    /// The path a message takes, Twilio's and Meta's statuses included: `queued` before `sent`,
    /// `played` after `read`, and `undelivered` beside `failed` among the failures.
    private static let lifecycle: [DeliveryStatus] = [
        .accepted, .scheduled, .queued, .sending, .sent, .warning, .delivered, .partiallyDelivered, .read, .played,
        .failed, .undelivered, .notSent, .canceled, .deleted,
    ]

    /// `statuses` along the lifecycle, then the rest (inbound messages, statuses nobody
    /// documents) in the order given.
    private static func inLifecycleOrder(_ statuses: [DeliveryStatus]) -> [DeliveryStatus] {
        func position(_ status: DeliveryStatus) -> Int { lifecycle.firstIndex(of: status) ?? lifecycle.count }
        return statuses.enumerated()
            .sorted { (position($0.element), $0.offset) < (position($1.element), $1.offset) }
            .map(\.element)
    }
}
