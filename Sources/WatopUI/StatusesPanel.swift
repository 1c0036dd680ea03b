import WatopCore

/// Statuses: count, share and recent rate per status, and how many sends turned into
/// deliveries and reads.
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
        if statuses.count > inside.height - 2 { statuses = statuses.filter { counts[$0] > 0 } }
        if sort == .count {
            // Most events first; ties keep lifecycle order.
            statuses = statuses.enumerated()
                .sorted { (counts[$0.element], -$0.offset) > (counts[$1.element], -$1.offset) }.map(\.element)
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
                Span(status.name, status.role), Span(Format.count(counts[status])),
                Span(Format.percent(counts[status], of: total), .muted), Span(Format.rate(rate), .muted),
            ]
        }
        let (tableArea, conversionLine) = inside.splitTop(inside.height - 1)
        Table(columns: columns, rows: rows).draw(in: &grid, tableArea)
        let sent = counts[.sent]
        grid.write(
            [
                Span("of sent: delivered ", .muted), Span(Format.percent(counts[.delivered], of: sent)),
                Span("  read ", .muted), Span(Format.percent(counts[.read], of: sent)),
            ], x: conversionLine.x, y: conversionLine.y, limit: conversionLine.width)
    }

    /// The path a message takes, Twilio's statuses included: `queued` before `sent`, and
    /// `undelivered` beside `failed` among the failures.
    private static let lifecycle: [DeliveryStatus] = [
        .queued, .sent, .delivered, .read, .failed, .undelivered, .notSent,
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
