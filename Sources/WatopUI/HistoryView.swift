import WatopCore

/// The History view: the events the history database keeps, newest first, as the events list
/// shows them but with the date, and the receiver when more than one took them.
enum HistoryView {
    static let title = "History"

    static let columns = [
        TableColumn(title: "time", width: 19, priority: 9),
        TableColumn(title: "status", width: 11, priority: 9),
        TableColumn(title: "id", width: 11, priority: 8),
        TableColumn(title: "to", width: 13, priority: 6),
        TableColumn(title: "from", width: 13, priority: 3),
        TableColumn(title: "code", width: 7, priority: 5),
        TableColumn(title: "price", width: 8, alignment: .right, priority: 4),
    ]
    static let receiverColumn = TableColumn(title: "receiver", width: 10, priority: 7)

    static func draw(in grid: inout Grid, _ rect: Rect, history: HistoryState) {
        let inside = grid.box(rect, title: title, note: note(for: history), focused: true)
        guard !inside.isEmpty else { return }
        guard !history.events.isEmpty else {
            let (text, role) = endText(history.end, afterEvents: false)
            grid.write(text, x: inside.x, y: inside.y, limit: inside.width, role: role)
            return
        }
        let visible = max(0, inside.height - 1)
        let count = history.events.count
        let selected = history.selectedRow
        let (endText, endRole) = endText(history.end, afterEvents: true)
        // The line past the last event counts as a row, so that reaching the end shows it.
        let lines = count + (endText.isEmpty ? 0 : 1)
        var top = max(0, min(selected - min(history.selectionScreenRow, max(0, visible - 1)), lines - visible))
        if selected == count - 1 { top = max(0, lines - visible) }
        let shown = history.events[top..<min(count, top + visible)]
        var columns = columns
        if history.showsReceivers { columns.append(receiverColumn) }
        let idColumn = columns.firstIndex { $0.title == "id" }!
        columns[idColumn].wanted = min(EventsPanel.longestID, shown.map(\.event.id.count).max() ?? 0)
        let idWidth = Table(columns: columns, rows: []).fitted(to: inside.width).first { $0.index == idColumn }?.width ?? 0
        let rows = shown.map { row($0, idWidth: idWidth, receiver: history.showsReceivers) }
        Table(columns: columns, rows: rows, highlighted: selected - top).draw(in: &grid, inside)
        // Under the last event, once it is on screen: what lies past it.
        let after = 1 + shown.count
        if top + shown.count == count, after < inside.height {
            grid.write(endText, x: inside.x, y: inside.y + after, limit: inside.width, role: endRole)
        }
    }

    private static func row(_ stored: StoredEvent, idWidth: Int, receiver: Bool) -> [Span] {
        let event = stored.event
        var spans = [
            Span(Format.dateTime(event.receivedAt), .muted), Span(event.status.name, event.status.role),
            Span(Format.shortID(event.id, width: idWidth)), Span(event.recipient ?? "–"), Span(event.whatsappNumber ?? "–", .muted),
            Span(event.errorCode ?? "", .error), Span(event.price.map(Format.price) ?? "", .price),
        ]
        if receiver { spans.append(Span(stored.receiver, .muted)) }
        return spans
    }

    private static func endText(_ end: HistoryEnd, afterEvents: Bool) -> (String, StyleRole) {
        switch end {
        case .more: ("", .muted)
        case .loading: ("loading…", .muted)
        case .reached: (afterEvents ? "no older events" : "no event in the history matches", .muted)
        case .failed(let reason): (reason, .error)
        }
    }

    private static func note(for history: HistoryState) -> String {
        let read = "\(Format.count(history.events.count)) read"
        let scope = history.filter.isEmpty ? "" : " · " + history.filter.text
        let from = history.start.map { " · from " + Format.dateTime(UnixTime(milliseconds: $0.receivedMilliseconds)) } ?? ""
        return read + scope + from + " · Esc back"
    }
}
