import WatopCore

/// The alert rules: which fire, their figure at the last check, and when each last changed.
enum AlertsView {
    static let title = "Alerts"

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState, now: UnixTime) {
        let firing = state.alerts.filter(\.firing).count
        let columns = [
            TableColumn(title: "state", width: 8, priority: 10),
            TableColumn(title: "figure", width: 9, alignment: .right, priority: 9),
            TableColumn(title: "changed", width: 18, priority: 7),
            TableColumn(title: "rule", width: 30, flexible: true, priority: 10),
        ]
        let rows = state.alerts.dropFirst(state.alertsScroll).map { status in
            [
                status.firing ? Span(" FIRING ", .alert) : Span("ok", .statusDelivered),
                Span(status.value.map { figure($0, of: status.measure) } ?? "–", status.value == nil ? .muted : .text),
                Span(changed(status.changedAt, now: now), .muted),
                Span(status.rule),
            ]
        }
        grid.tableView(
            rect, title: title, note: state.alerts.isEmpty ? "Esc back" : "\(firing) of \(state.alerts.count) firing · Esc back",
            emptyText: "no alert rules: start watop with --alert 'status:failed share>5% over 5m' (docs/alerts.md)", columns: columns,
            rows: Array(rows))
    }

    /// A rule's figure as the rule writes its threshold: `13.6%`, `3/min`, `4`, `3m04s`.
    static func figure(_ value: Double, of measure: AlertRule.Measure) -> String {
        switch measure {
        case .share: AlertStatus.decimal(value) + "%"
        case .rate(let unit): AlertStatus.decimal(value) + "/" + unit.rawValue
        case .count: AlertStatus.decimal(value)
        case .silence: Format.elapsed(seconds: Int64(value))
        }
    }

    private static func changed(_ time: UnixTime?, now: UnixTime) -> String {
        guard let time else { return "never" }
        return "\(time.clockTime) (\(Format.elapsed(seconds: (now.milliseconds - time.milliseconds) / 1000)) ago)"
    }
}
