import WatopCore

/// Error codes: how often each came, what the callback said last, what the code means and
/// when it was last seen.
enum ErrorCodesPanel {
    static func draw(in grid: inout Grid, _ rect: Rect, totals: DashboardTotals, state: UIState) {
        let sort = state.sort(of: .errorCodes) ?? .count
        let inside = grid.box(rect, title: Panel.errorCodes.title, note: sort.label, focused: state.focus == .errorCodes)
        guard !inside.isEmpty else { return }
        guard !totals.errorCodes.isEmpty else {
            grid.write("no error codes", x: inside.x, y: inside.y, limit: inside.width, role: .muted)
            return
        }
        let columns = [
            TableColumn(title: "code", width: 7, priority: 9),
            TableColumn(title: "count", width: 7, alignment: .right, priority: 8),
            TableColumn(title: "meaning", width: 14, flexible: true, priority: 6),
            TableColumn(title: "last error", width: 12, flexible: true, priority: 4),
            // Sorted by it, the column the order depends on is the last to go.
            TableColumn(title: "last seen", width: 9, priority: sort == .recent ? 10 : 5),
        ]
        let limit = state.shown?.aggregates.bounds.errorCodes ?? TableBounds.defaultErrorCodes
        let rows = sorted(totals.errorCodes, by: sort).map { row in
            [
                Span(row.code, row.code == TableBounds.other ? .warning : .error), Span(Format.count(row.count)),
                row.code == TableBounds.other
                    ? Span("every code past the first \(Format.count(limit))", .warning)
                    : ErrorCatalogue.meaning(of: row.code).map { Span($0) } ?? Span("not in catalogue", .muted),
                Span(row.lastErrorText ?? "", .muted), Span(row.lastSeen?.clockTime ?? "", .muted),
            ]
        }
        grid.noteLeftOut(Table(columns: columns, rows: rows).draw(in: &grid, inside), inBoxOf: inside)
    }

    private static func sorted(_ rows: [DashboardTotals.ErrorCodeRow], by sort: SortOrder) -> [DashboardTotals.ErrorCodeRow] {
        switch sort {
        case .code: rows.sorted { $0.code < $1.code }
        case .recent: rows.sorted { ($0.lastSeen?.milliseconds ?? 0, $1.code) > ($1.lastSeen?.milliseconds ?? 0, $0.code) }
        default: rows.sorted { ($0.count, $1.code) > ($1.count, $0.code) }
        }
    }
}
