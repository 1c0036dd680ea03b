import WatopCore

/// Prices as reported in callbacks: a running exact total, how many events carried one, the
/// average, and the split by status. "Reported", because free-tier conversations carry a
/// price too although nothing is charged.
enum PricesPanel {
    static func draw(in grid: inout Grid, _ rect: Rect, totals: DashboardTotals, state: UIState) {
        let inside = grid.box(rect, title: Panel.prices.title, focused: state.focus == .prices)
        guard !inside.isEmpty else { return }
        let summary: [(String, String, StyleRole)] = [
            ("reported total", Format.price(totals.price.total), .price),
            ("priced events", Format.count(totals.price.pricedEvents), .text),
            // No priced event has no average: `–`, as in the other tables' empty cells.
            ("average", totals.price.pricedEvents > 0 ? Format.price(totals.price.average.rounded(fractionDigits: 4)) : "–", .text),
        ]
        for (line, (label, value, role)) in summary.enumerated() where line < inside.height {
            grid.write(label, x: inside.x, y: inside.y + line, limit: inside.width, role: .muted)
            grid.writeRightAligned(value, rightEdge: inside.maxX, y: inside.y + line, limit: inside.width / 2, role: role)
        }
        let (_, below) = inside.splitTop(summary.count)
        let statuses = totals.statuses.statusesSeen.filter { totals.priceByStatus[$0] != nil }
        let columns = [
            TableColumn(title: "status", width: 9, flexible: true, priority: 9),
            TableColumn(title: "priced", width: 7, alignment: .right, priority: 7),
            TableColumn(title: "total", width: 10, alignment: .right, priority: 8),
        ]
        let rows = statuses.map { status in
            let row = totals.priceByStatus[status] ?? DashboardTotals.PriceRow()
            return [Span(status.name, status.role), Span(Format.count(row.pricedEvents)), Span(Format.price(row.total), .price)]
        }
        grid.noteLeftOut(Table(columns: columns, rows: rows).draw(in: &grid, below), inBoxOf: inside)
    }
}
