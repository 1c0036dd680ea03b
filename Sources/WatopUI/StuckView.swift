import WatopCore

/// The messages stuck in a pending status (queued, sent …) with no callback for longer than
/// `--stuck-after`, by WhatsApp number and by how long they have been silent.
enum StuckView {
    static let title = "Stuck messages"

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        let stuck = state.shown?.stuck ?? .none
        let after = limit(stuck.afterSeconds)
        let note = "\(Format.count(stuck.total)) silent over \(after) · Esc back"
        let inside = grid.box(rect, title: title, note: note, focused: true)
        guard !inside.isEmpty else { return }
        guard !stuck.groups.isEmpty else {
            grid.write(
                "no message has been queued or sent without a callback for over \(after) (--stuck-after)", x: inside.x, y: inside.y,
                limit: inside.width, role: .muted)
            return
        }
        let columns = [
            TableColumn(title: "WhatsApp number", width: 16, priority: 10),
            TableColumn(title: "stuck", width: 8, alignment: .right, priority: 10),
            TableColumn(title: "\(after)–1h", width: 9, alignment: .right, priority: 8),
            TableColumn(title: "1h–1d", width: 8, alignment: .right, priority: 7),
            TableColumn(title: "≥1d", width: 8, alignment: .right, priority: 6),
            TableColumn(title: "oldest", width: 8, alignment: .right, priority: 9),
        ]
        let rows = stuck.groups.dropFirst(state.stuckScroll).map { group in
            [group.number == Aggregates.unknownWhatsAppNumber ? Span("(none given)", .muted) : Span(group.number), Span(Format.count(group.total), .warning)]
                + group.byAge.map { Span($0 == 0 ? "–" : Format.count($0), $0 == 0 ? .muted : .text) }
                + [Span(Format.elapsed(seconds: group.oldestAge), .muted)]
        }
        grid.noteLeftOut(Table(columns: columns, rows: Array(rows)).draw(in: &grid, inside), inBoxOf: inside)
    }

    /// `--stuck-after` as it is typed: `10m`, `2h`, `90s`.
    private static func limit(_ seconds: Int64) -> String {
        seconds % 3600 == 0 ? "\(seconds / 3600)h" : seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
    }
}
