import WatopCore

/// Messages grouped by what the business cares about — a campaign reference, Meta's pricing,
/// the recipient's country, the error code, the provider — one row per group: how many
/// messages, what share reached the phone, was read and failed, the error most of its failures
/// had, how many are charged and the price reported. Enter filters the events to a group.
///
/// A view of its own (`b`) rather than a panel: its eight columns need the width of the
/// screen, and the dashboard's tables keep their places at every size.
enum BreakdownView {
    static let title = "Breakdown"

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        let key = state.breakdownKey
        let filter = state.view.filter
        let scope = filter.isEmpty ? "all messages" : "messages of the events held that match \(filter.text)"
        let note = "by \(key.title) · \(scope) · b next key · Enter filters · Esc back"
        let inside = grid.box(rect, title: title, note: note, focused: true)
        guard !inside.isEmpty else { return }
        let rows = shown(state)
        guard !rows.isEmpty else {
            let text = filter.isEmpty ? "no messages yet" : "no message among the events that match"
            grid.write(text, x: inside.x, y: inside.y, limit: inside.width, role: .muted)
            return
        }
        // Grouped by error code, the top error would repeat the group: its meaning says more.
        let byCode = key == .errorCode
        let names = rows.map { name(of: $0.group) }
        let columns = [
            TableColumn(title: key.title, width: 14, priority: 10, wanted: min(40, names.map { SafeText.width(of: $0.text) }.max() ?? 0)),
            TableColumn(title: "msgs", width: 7, alignment: .right, priority: 9),
            TableColumn(title: "reached%", width: 8, alignment: .right, priority: 8),
            TableColumn(title: "read%", width: 6, alignment: .right, priority: 6),
            TableColumn(title: "failed%", width: 7, alignment: .right, priority: 8),
            TableColumn(title: byCode ? "meaning" : "top error", width: 9, priority: 5, wanted: byCode ? 40 : nil),
            TableColumn(title: "charged", width: 7, alignment: .right, priority: 7),
            TableColumn(title: "reported", width: 9, alignment: .right, priority: 6),
        ]
        let visible = max(1, inside.height - 1)
        let selected = min(state.breakdownRow, rows.count - 1)
        let top = max(0, selected - visible + 1)
        let cells = zip(rows, names).dropFirst(top).map { row, name in
            let messages = row.messages
            return [
                name, Span(Format.count(messages.seen)),
                Span(Format.percent(messages.reached, of: messages.seen), .statusDelivered),
                Span(Format.percent(messages.read, of: messages.seen), .statusRead),
                Span(Format.percent(messages.failed, of: messages.seen), messages.failed > 0 ? .statusFailed : .muted),
                byCode ? meaning(of: row.group) : row.topError.map { Span($0, .error) } ?? Span("–", .muted),
                Span(Format.count(messages.charged), messages.charged > 0 ? .text : .muted),
                row.price.pricedEvents > 0 ? Span(Format.price(row.price.total), .price) : Span("–", .muted),
            ]
        }
        let table = Table(columns: columns, rows: Array(cells), highlighted: selected - top)
        grid.noteLeftOut(table.draw(in: &grid, inside), inBoxOf: inside)
    }

    /// The groups of the key in force, most messages first; "none" and "other" last.
    static func shown(_ state: UIState) -> [BreakdownRow] {
        let breakdown = state.view.filter.isEmpty ? state.shown?.messages.breakdown : state.view.tallies.breakdown
        func rank(_ row: BreakdownRow) -> Int {
            switch row.group {
            case .value: 0
            case .noValue: 1
            case .other: 2
            }
        }
        func name(_ row: BreakdownRow) -> String {
            if case .value(let name) = row.group { return name }
            return ""
        }
        return (breakdown?.rows(of: state.breakdownKey) ?? []).sorted {
            (rank($0), $1.messages.seen, name($0)) < (rank($1), $0.messages.seen, name($1))
        }
    }

    private static func meaning(of group: BreakdownRow.Group) -> Span {
        guard case .value(let code) = group else { return Span("–", .muted) }
        return ErrorCatalogue.meaning(of: code).map { Span($0) } ?? Span("not in catalogue", .muted)
    }

    private static func name(of group: BreakdownRow.Group) -> Span {
        switch group {
        case .value(let name): Span(name)
        case .noValue: Span("(none)", .muted)
        case .other(let cap): Span(Format.otherRow(beyond: cap), .warning)
        }
    }
}
