import WatopCore

/// The live tail: newest first, the selected row highlighted and kept in place while new
/// events arrive above it.
enum EventsPanel {
    static let columns = [
        TableColumn(title: "time", width: 8, priority: 9),
        // The payload format: the first to go after the message, since most deployments hear
        // from one provider only.
        TableColumn(title: "source", width: 6, priority: 2),
        TableColumn(title: "id", width: 11, priority: 8),
        TableColumn(title: "recipient", width: 13, priority: 6),
        TableColumn(title: "from", width: 13, priority: 3),
        // Wide enough for Twilio's `undelivered`, the longest named status.
        TableColumn(title: "status", width: 11, priority: 9),
        TableColumn(title: "code", width: 7, priority: 5),
        TableColumn(title: "price", width: 8, alignment: .right, priority: 4),
        TableColumn(title: "message", width: 10, flexible: true, priority: 1),
    ]

    /// A Kaleyra id whole (`<uuid>:<n>`): longer ones, Meta's `wamid.…`, show their end.
    static let longestID = 38

    /// With forwarding, what became of each event's request at the app, after the status:
    /// the question a tap is run to answer.
    static let forwardedColumn = TableColumn(title: "app", width: 12, priority: 7)

    static func columns(forwarding: Bool) -> [TableColumn] {
        guard forwarding else { return columns }
        var columns = columns
        columns.insert(forwardedColumn, at: 6)
        return columns
    }

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        let view = state.view
        let inside = grid.box(rect, title: Panel.events.title, note: note(for: state), focused: state.focus == .events)
        guard !inside.isEmpty else { return }
        let visible = max(0, inside.height - 1)
        guard view.count > 0 else {
            grid.write(emptyHint(for: state), x: inside.x, y: inside.y, limit: inside.width, role: .muted)
            return
        }
        let selected = state.selectedRow
        let top = max(0, min(selected - min(state.selectionScreenRow, max(0, visible - 1)), view.count - visible))
        let forwards = state.shown?.forwards
        let events = (top..<min(view.count, top + visible)).compactMap { view.event(atRow: $0) }
        // The id and the message share spare columns, up to the longest on screen: whole ids
        // tell messages apart where a shortened one may not.
        var columns = columns(forwarding: forwards != nil)
        let idColumn = columns.firstIndex { $0.title == "id" }!
        columns[idColumn].wanted = min(Self.longestID, events.map(\.id.count).max() ?? 0)
        columns[columns.firstIndex { $0.title == "message" }!].wanted = events.map { SafeText.width(of: $0.message ?? "") }.max()
        let idWidth = Table(columns: columns, rows: []).fitted(to: inside.width).first { $0.index == idColumn }?.width ?? 0
        let rows = events.map { row($0, idWidth: idWidth, forwards: forwards) }
        Table(columns: columns, rows: rows, highlighted: selected - top).draw(in: &grid, inside)
    }

    private static func row(_ event: CallbackEvent, idWidth: Int, forwards: ForwardView?) -> [Span] {
        var spans = [
            Span(event.receivedAt.clockTime, .muted), Span(source(of: event.format), .muted),
            Span(Format.shortID(event.id, width: idWidth)), Span(event.recipient ?? "–"),
            Span(event.whatsappNumber ?? "–", .muted), Span(event.status.name, event.status.role),
            Span(event.errorCode ?? "", .error), Span(event.price.map(Format.price) ?? "", .price),
            Span(event.message ?? "", .muted),
        ]
        if let forwards { spans.insert(ForwardCell.span(forwards.summary(of: event.sequence)), at: 6) }
        return spans
    }

    /// The format's name, Kaleyra's cut to the column's six (the detail view gives it whole).
    private static func source(of format: CallbackFormat) -> String {
        switch format {
        case .kaleyraV1: "kal-v1"
        case .kaleyraV2: "kal-v2"
        case .meta, .twilio: format.rawValue
        }
    }

    /// Why the list is empty; a status no callback has had (`status:bogus`) is named, since a
    /// typo there is no error: providers may send statuses watop does not know.
    private static func emptyHint(for state: UIState) -> String {
        let filter = state.view.filter
        guard !filter.isEmpty else { return "waiting for callbacks…" }
        let seen = state.shown?.aggregates.statuses.statusesSeen.map(\.name) ?? []
        let unseen = filter.unknownStatusNames.filter { name in !seen.contains { $0.lowercased() == name.lowercased() } }
        guard !unseen.isEmpty else { return "no event in the buffer matches the filter" }
        let names = unseen.map { "\"\($0)\"" }.joined(separator: ", ")
        return "no callback has had status \(names) (statuses seen: \(seen.joined(separator: ", ")))"
    }

    /// How many events the list holds, and whether it follows the stream.
    private static func note(for state: UIState) -> String {
        let view = state.view
        let scope =
            view.filter.isEmpty
            ? "\(Format.count(view.count)) in buffer" : "\(Format.count(view.count)) of \(Format.count(view.window.count)) match"
        guard state.selection != nil else { return scope }
        return scope + " · held, \(Format.count(state.selectedRow)) newer above"
    }
}
