/// Where a message stands, in the four classes the message counts use: every status falls in
/// one, so a status a provider adds is still counted somewhere.
public enum StatusClass: Int, Sendable, CaseIterable {
    /// Not yet known to have reached the phone nor to have failed: `queued`, `sent`, and any
    /// status nobody documents (Meta's `warning`, Twilio's `accepted`…).
    case pending
    /// Reached the phone, not (yet) read.
    case delivered
    case read
    /// Ended without reaching the phone, or after: `failed`, `undelivered`, `not-sent`.
    case failed

    public init(_ status: DeliveryStatus) {
        switch status {
        case .delivered: self = .delivered
        case .read: self = .read
        case .failed, .undelivered, .notSent: self = .failed
        case .queued, .sent, .other: self = .pending
        }
    }
}
