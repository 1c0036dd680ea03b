import WatopCore

/// One row per WhatsApp number: its messages by where they stand, how many of them
/// reached the phone and were read, and the reported price.
///
/// The columns are status classes, so every status counts in one: pending (queued, sent and
/// any status nobody documents), reached (delivered or read), read, failed (failed, undelivered,
/// not-sent). pending + reached + failed = messages; read is part of reached.
enum WhatsAppNumbersPanel {
    static func draw(in grid: inout Grid, _ rect: Rect, totals: DashboardTotals, state: UIState) {
        let sort = state.sort(of: .whatsappNumbers) ?? .count
        let inside = grid.box(rect, title: Panel.whatsappNumbers.title, note: sort.label, focused: state.focus == .whatsappNumbers)
        guard !inside.isEmpty else { return }
        let columns = [
            TableColumn(
                title: "number", width: 13, priority: 9,
                wanted: totals.whatsappNumbers.contains { $0.number == TableBounds.other } ? 20 : nil),
            TableColumn(title: "msgs", width: 7, alignment: .right, priority: 8),
            TableColumn(title: "pending", width: 8, alignment: .right, priority: 5),
            TableColumn(title: "reached", width: 8, alignment: .right, priority: 7),
            TableColumn(title: "read", width: 7, alignment: .right, priority: 6),
            TableColumn(title: "failed", width: 7, alignment: .right, priority: 8),
            TableColumn(title: "reach%", width: 7, alignment: .right, priority: 5),
            TableColumn(title: "read%", width: 6, alignment: .right, priority: 4),
            TableColumn(title: "reported", width: 9, alignment: .right, priority: 5),
        ]
        let limit = state.shown?.aggregates.bounds.whatsappNumbers ?? TableBounds.defaultWhatsAppNumbers
        let rows = sorted(totals.whatsappNumbers, by: sort).map { row in
            let messages = row.messages
            return [
                row.number == Aggregates.unknownWhatsAppNumber
                    ? Span("(none given)", .muted)
                    : row.number == TableBounds.other ? Span(Format.otherRow(beyond: limit), .warning) : Span(row.number),
                Span(Format.count(messages.seen)), Span(Format.count(messages.pending), .statusSent),
                Span(Format.count(messages.reached), .statusDelivered), Span(Format.count(messages.read), .statusRead),
                Span(Format.count(messages.failed), messages.failed > 0 ? .statusFailed : .muted),
                Span(Format.percent(messages.reached, of: messages.seen)), Span(Format.percent(messages.read, of: messages.reached)),
                row.price.pricedEvents > 0 ? Span(Format.price(row.price.total), .price) : Span("–", .muted),
            ]
        }
        grid.noteLeftOut(Table(columns: columns, rows: rows).draw(in: &grid, inside), inBoxOf: inside)
        if inside.height > 2, totals.whatsappNumbers.count == 1, totals.whatsappNumbers.first?.number == Aggregates.unknownWhatsAppNumber {
            // Kaleyra's templates have no placeholder for it, so a profile cannot be the cause:
            // say where the number comes from.
            grid.write(
                "no callback has named its WhatsApp number yet (Kaleyra adds whatsapp_number to its callbacks)",
                x: inside.x, y: inside.y + 2, limit: inside.width, role: .muted)
        }
    }

    private static func sorted(_ rows: [DashboardTotals.WhatsAppNumberRow], by sort: SortOrder) -> [DashboardTotals.WhatsAppNumberRow] {
        switch sort {
        case .number: rows.sorted { $0.number < $1.number }
        case .failed: rows.sorted { ($0.messages.failed, $1.number) > ($1.messages.failed, $0.number) }
        case .price: rows.sorted { ($0.price.total, $1.number) > ($1.price.total, $0.number) }
        // Messages first, then events: a number with only inbound messages has events and no messages.
        default: rows.sorted { ($0.messages.seen, $0.statuses.total, $1.number) > ($1.messages.seen, $1.statuses.total, $0.number) }
        }
    }
}
