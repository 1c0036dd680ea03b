/// What a `fwd:` filter term asks of the request an event came in: what the app made of it.
enum ForwardCondition: Sendable, Equatable {
    /// `ok`: the app answered 2xx.
    case delivered
    /// `failed`: the app has not taken it: it answered another status, gave no answer, or
    /// queue mode set it aside.
    case notTaken
    /// `queued`: on its way: queued for delivery or a retry, or sent and not yet answered.
    case pending
    /// `dead`: queue mode set it aside after the app refused it for good.
    case deadLettered
    /// `2xx` … `5xx`: the app's last status was in this class.
    case statusClass(UInt16)
    /// `none`: not forwarded, or no longer remembered.
    case notForwarded

    /// The values `fwd:` takes, for help and error messages.
    static let names = ["ok", "failed", "queued", "dead", "2xx", "3xx", "4xx", "5xx", "none"]

    init?(typed value: Substring) {
        switch value.lowercased() {
        case "ok": self = .delivered
        case "failed": self = .notTaken
        case "queued": self = .pending
        case "dead": self = .deadLettered
        case "none": self = .notForwarded
        case "1xx", "2xx", "3xx", "4xx", "5xx": self = .statusClass(UInt16(value.first!.wholeNumberValue!))
        default: return nil
        }
    }

    /// - Parameter summary: the outcome of the event's request; nil when there is none.
    func matches(_ summary: ForwardSummary?) -> Bool {
        guard let summary else { return self == .notForwarded }
        switch self {
        case .delivered: return summary.state == .delivered
        case .notTaken: return [.refused, .failed, .deadLettered].contains(summary.state)
        case .pending: return summary.state == .queued || summary.state == .inFlight
        case .deadLettered: return summary.state == .deadLettered
        case .statusClass(let hundreds): return summary.status / 100 == hundreds
        case .notForwarded: return false
        }
    }
}
