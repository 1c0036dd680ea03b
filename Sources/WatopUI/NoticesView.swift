import WatopCore

/// What the providers said about the account: templates approved or paused, a number's quality
/// or messaging limit, account alerts and errors that came without a status, newest first.
/// A paused template explains a spike of failures: this is where a user looks next.
enum NoticesView {
    static let title = "Notices"
    /// The header's badge counts the notices of this many last seconds.
    static let badgeWindowSeconds: Int64 = 3600

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        let all = state.shown?.aggregates.notices ?? 0
        let held = state.shown?.notices ?? []
        let kept = shown(held, state: state)
        let filter = state.filter.applied
        let note =
            !filter.isEmpty ? "\(Format.count(kept.count)) of \(Format.count(held.count)) match \(filter.text) · Esc back"
            : held.count < all ? "newest \(Format.count(held.count)) of \(Format.count(all)) · Esc back" : "Esc back · ↑↓ scroll"
        let inside = grid.box(rect, title: title, note: note, focused: true)
        guard !inside.isEmpty else { return }
        guard !kept.isEmpty else {
            if !held.isEmpty {
                grid.write("no notice matches the filter", x: inside.x, y: inside.y, limit: inside.width, role: .muted)
                return
            }
            grid.write("no notices since start: template, number quality and account changes show here", x: inside.x, y: inside.y, limit: inside.width, role: .muted)
            return
        }
        let columns = [
            TableColumn(title: "time", width: 8, priority: 8),
            TableColumn(title: "kind", width: 8, priority: 7),
            TableColumn(title: "about", width: 26, priority: 9),
            TableColumn(title: "what happened", width: 20, flexible: true, priority: 10),
        ]
        let rows = kept.reversed().dropFirst(state.noticesScroll).map { notice in
            [
                Span(notice.receivedAt.clockTime, .muted), Span(notice.kind.rawValue, role(of: notice.kind)),
                Span(notice.subject), Span(notice.text),
            ]
        }
        grid.noteLeftOut(Table(columns: columns, rows: Array(rows)).draw(in: &grid, inside), inBoxOf: inside)
    }

    /// The notices the applied filter lets through, oldest first: its free words and
    /// `provider:`/`format:` terms apply, its terms about events are passed over.
    static func shown(_ notices: some Collection<Notice>, state: UIState) -> [Notice] {
        let filter = state.filter.applied
        return filter.isEmpty ? Array(notices) : notices.filter(filter.matches)
    }

    /// How many notices came in the last hour, for the header's badge.
    static func lastHour(_ notices: some Sequence<Notice>, now: UnixTime) -> Int {
        let since = now.milliseconds - badgeWindowSeconds * 1000
        return notices.reduce(0) { $0 + ($1.receivedAt.milliseconds > since ? 1 : 0) }
    }

    private static func role(of kind: Notice.Kind) -> StyleRole {
        switch kind {
        case .error: .error
        case .template, .quality, .alert: .warning
        }
    }
}
