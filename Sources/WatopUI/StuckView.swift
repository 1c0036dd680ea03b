import WatopCore

/// The messages stuck in a pending status (queued, sent …) with no callback for longer than
/// `--stuck-after`, by WhatsApp number and by how long they have been silent.
enum StuckView {
    static let title = "Stuck messages"

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        let stuck = state.shown?.stuck ?? .none
        let after = DurationText.text(seconds: stuck.afterSeconds)
        let columns = [
            TableColumn(title: "WhatsApp number", width: 16, priority: 10),
            TableColumn(title: "stuck", width: 8, alignment: .right, priority: 10),
            TableColumn(title: "\(after)–1h", width: 9, alignment: .right, priority: 8),
            TableColumn(title: "1h–1d", width: 8, alignment: .right, priority: 7),
            TableColumn(title: "≥1d", width: 8, alignment: .right, priority: 6),
            TableColumn(title: "oldest", width: 8, alignment: .right, priority: 9),
        ]
        let rows = stuck.groups.dropFirst(state.stuckScroll).map { group in
            [
                group.number == Aggregates.unknownWhatsAppNumber ? Span("(none given)", .muted) : Span(group.number),
                Span(Format.count(group.total), .warning),
            ]
                + group.byAge.map { Span($0 == 0 ? "–" : Format.count($0), $0 == 0 ? .muted : .text) }
                + [Span(Format.elapsed(seconds: group.oldestAge), .muted)]
        }
        grid.tableView(
            rect, title: title, note: "\(Format.count(stuck.total)) silent over \(after) · Esc back",
            emptyText: "no message has been queued or sent without a callback for over \(after) (--stuck-after)", columns: columns,
            rows: Array(rows))
    }
}
