import WatopCore

/// One row per sending WhatsApp number: counts per status, delivery and read rates (of
/// sends) and the reported price.
enum SendersPanel {
    static func draw(in grid: inout Grid, _ rect: Rect, totals: DashboardTotals, state: UIState) {
        let sort = state.sort(of: .senders) ?? .count
        let inside = grid.box(rect, title: Panel.senders.title, note: sort.label, focused: state.focus == .senders)
        guard !inside.isEmpty else { return }
        let columns = [
            TableColumn(title: "number", width: 13, priority: 9),
            TableColumn(title: "sent", width: 7, alignment: .right, priority: 8),
            TableColumn(title: "deliv", width: 7, alignment: .right, priority: 7),
            TableColumn(title: "read", width: 7, alignment: .right, priority: 6),
            TableColumn(title: "failed", width: 7, alignment: .right, priority: 8),
            TableColumn(title: "deliv%", width: 6, alignment: .right, priority: 5),
            TableColumn(title: "read%", width: 6, alignment: .right, priority: 4),
            TableColumn(title: "reported", width: 9, alignment: .right, priority: 5),
        ]
        let rows = sorted(totals.senders, by: sort).map { row in
            let counts = row.statuses
            return [
                row.number == Aggregates.unknownSender ? Span("(none given)", .muted) : Span(row.number),
                Span(Format.count(counts[.sent]), .statusSent), Span(Format.count(counts[.delivered]), .statusDelivered),
                Span(Format.count(counts[.read]), .statusRead),
                Span(Format.count(counts.failures), counts.failures > 0 ? .statusFailed : .muted),
                Span(Format.percent(counts[.delivered], of: counts[.sent])), Span(Format.percent(counts[.read], of: counts[.sent])),
                Span(Format.price(row.price.total), .price),
            ]
        }
        Table(columns: columns, rows: rows).draw(in: &grid, inside)
    }

    private static func sorted(_ rows: [DashboardTotals.SenderRow], by sort: SortOrder) -> [DashboardTotals.SenderRow] {
        switch sort {
        case .number: rows.sorted { $0.number < $1.number }
        case .failed: rows.sorted { ($0.statuses.failures, $1.number) > ($1.statuses.failures, $0.number) }
        case .price: rows.sorted { ($0.price.total, $1.number) > ($1.price.total, $0.number) }
        default: rows.sorted { ($0.statuses.total, $1.number) > ($1.statuses.total, $0.number) }
        }
    }
}
