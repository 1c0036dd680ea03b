import WatopCore

/// What became of a forwarded request, in the few columns the events list gives it:
/// `→ 200 12ms`, `→ 503 ×3`, `→ failed`, `→ …` while the app has not answered; in queue mode
/// `queued` while it waits in the journal and `→ 404 dead` once the app refused it for good.
enum ForwardCell {
    static func span(_ summary: ForwardSummary?) -> Span {
        guard let summary else { return Span("", .muted) }
        var cell = outcome(summary.state, status: Int(summary.status))
        if summary.attempts > 1 {
            cell.text += " ×\(summary.attempts)"
        } else if summary.state == .delivered {
            cell.text += " " + Format.duration(milliseconds: Int64(summary.latencyMicroseconds / 1000))
        }
        return cell
    }

    /// The state alone, colored by what it asks of the reader: nothing, a look, or action.
    static func outcome(_ state: ForwardState, status: Int) -> Span {
        switch state {
        case .inFlight: Span("→ …", .muted)
        case .delivered: Span("→ \(status)", .statusDelivered)
        case .refused: Span("→ \(status)", status >= 500 ? .error : .warning)
        case .failed: Span("→ failed", .error)
        case .queued: Span("queued", .warning)
        case .deadLettered: Span("→ \(status) dead", .error)
        }
    }
}
