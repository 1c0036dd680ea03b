/// Where a message stands, in the four classes the message counts use: every status falls in
/// one, so a status a provider adds is still counted somewhere.
public enum StatusClass: Int, Sendable, CaseIterable {
    /// Not yet known to have reached the phone nor to have failed: `queued`, `sent`, Meta's
    /// `warning`, Twilio's `accepted` … and any status nobody documents.
    case pending
    /// Reached the phone, not (yet) read.
    case delivered
    /// Read, or played (a voice message).
    case read
    /// Ended without reaching the phone, or after: `failed`, `undelivered`, `not-sent`, `canceled`.
    case failed

    public init(_ status: DeliveryStatus) {
        self = DeliveryStatus.Named(status)?.statusClass ?? .pending
    }
}
