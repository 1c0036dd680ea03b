import WatopCore

/// How long messages take from sent to delivered and from delivered to read, overall and per
/// WhatsApp number, over the Rates chart's window (`w` cycles it).
enum LatencyView {
    static let title = "Delivery latency"

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        let window = state.rateWindow
        let latencies = state.latencies
        let columns = [
            TableColumn(title: "WhatsApp number", width: 16, priority: 10),
            TableColumn(title: "delivered", width: 9, alignment: .right, priority: 9),
            TableColumn(title: "p50", width: 7, alignment: .right, priority: 10),
            TableColumn(title: "p90", width: 7, alignment: .right, priority: 8),
            TableColumn(title: "p99", width: 7, alignment: .right, priority: 9),
            TableColumn(title: "max", width: 7, alignment: .right, priority: 7),
            TableColumn(title: "read", width: 9, alignment: .right, priority: 6),
            TableColumn(title: "p50", width: 7, alignment: .right, priority: 6),
            TableColumn(title: "p90", width: 7, alignment: .right, priority: 4),
            TableColumn(title: "p99", width: 7, alignment: .right, priority: 5),
            TableColumn(title: "max", width: 7, alignment: .right, priority: 3),
        ]
        var rows: [[Span]] = []
        if let latencies, latencies.overall.sentToDelivered.count + latencies.overall.deliveredToRead.count > 0 {
            rows = ([latencies.overall] + latencies.numbers).dropFirst(state.latencyScroll).map(row)
        }
        grid.tableView(
            rect, title: "\(title) · last \(window.label)",
            note: "sent→delivered, then delivered→read, by the provider's seconds · w window · Esc back",
            emptyText: "no message has been both sent and delivered, or delivered and read, in the last \(window.label)",
            columns: columns, rows: rows)
    }

    private static func row(_ row: DeliveryLatencies.Row) -> [Span] {
        let number: Span =
            switch row.number {
            case nil: Span("all numbers", .tableHeader)
            case Aggregates.unknownWhatsAppNumber?: Span("(none given)", .muted)
            case let number?: Span(number)
            }
        return [number] + figures(row.sentToDelivered) + figures(row.deliveredToRead)
    }

    /// The count, then p50, p90, p99 and max; dashes when no message has both ends.
    private static func figures(_ figures: DeliveryLatencies.Figures) -> [Span] {
        guard figures.count > 0 else { return [Span("–", .muted)] + Array(repeating: Span("–", .muted), count: 4) }
        return [Span(Format.count(Int(figures.count)), .muted)]
            + [figures.p50, figures.p90, figures.p99, figures.max].map { Span(Format.elapsed(seconds: Int64($0))) }
    }
}
