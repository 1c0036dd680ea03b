/// The delivery status a callback reports.
///
/// Kaleyra documents five values; Twilio adds `queued` and `undelivered`. Any other value is
/// kept verbatim as its own status so that nothing a provider sends is ever dropped or folded
/// into another bucket.
public enum DeliveryStatus: Hashable, Sendable, CustomStringConvertible {
    case queued
    case sent
    case delivered
    case read
    case failed
    case notSent
    case undelivered
    case other(String)

    /// Kaleyra's documented statuses, in lifecycle order: tables always list them, even at zero.
    public static let documented: [DeliveryStatus] = [.sent, .delivered, .read, .failed, .notSent]
    /// Every named status; the first five are `documented`.
    static let named: [DeliveryStatus] = documented + [.queued, .undelivered]

    /// How an inbound message (a reply from a customer, in a Meta webhook) is counted and shown.
    public static let inbound = DeliveryStatus.other("inbound")

    /// Case-insensitive; `not_sent` and `notsent` are read as `not-sent`.
    public init(parsing text: String) {
        // Compared as bytes: lowercasing a String allocates, and this runs for every callback.
        var text = text
        let known: DeliveryStatus? = text.withUTF8 { bytes in
            Self.spellings.first { asciiEqual(bytes, $0.spelling, ignoringCase: true) }?.status
        }
        self = known ?? .other(text)
    }

    private static let spellings: [(spelling: StaticString, status: DeliveryStatus)] = [
        ("sent", .sent), ("delivered", .delivered), ("read", .read), ("failed", .failed),
        ("not-sent", .notSent), ("not_sent", .notSent), ("notsent", .notSent),
        ("queued", .queued), ("undelivered", .undelivered),
    ]

    /// The canonical spelling, as Kaleyra writes it.
    public var name: String {
        switch self {
        case .sent: "sent"
        case .delivered: "delivered"
        case .read: "read"
        case .failed: "failed"
        case .notSent: "not-sent"
        case .queued: "queued"
        case .undelivered: "undelivered"
        case .other(let text): text
        }
    }

    public var description: String { name }

    /// Position in the forward-only lifecycle. Terminal statuses outrank every other so that
    /// a failure after a successful send is shown, and nothing moves a message out of them.
    public var lifecycleRank: Int {
        switch self {
        case .other: 0
        case .queued: 1
        case .sent: 2
        case .delivered: 3
        case .read: 4
        case .failed, .notSent, .undelivered: 5
        }
    }

    public var isTerminal: Bool { lifecycleRank == 5 }

    /// Sort key for tables: the named statuses in lifecycle order, then others by name.
    public var listOrder: (Int, String) { (namedIndex ?? DeliveryStatus.named.count, name) }

    /// A named status in one byte, for storing beside an event without its payload.
    enum Named: UInt8, Sendable, CaseIterable {
        case queued, sent, delivered, read, failed, notSent, undelivered

        init?(_ status: DeliveryStatus) {
            switch status {
            case .queued: self = .queued
            case .sent: self = .sent
            case .delivered: self = .delivered
            case .read: self = .read
            case .failed: self = .failed
            case .notSent: self = .notSent
            case .undelivered: self = .undelivered
            case .other: return nil
            }
        }

        var status: DeliveryStatus {
            switch self {
            case .queued: .queued
            case .sent: .sent
            case .delivered: .delivered
            case .read: .read
            case .failed: .failed
            case .notSent: .notSent
            case .undelivered: .undelivered
            }
        }
    }

    /// Index into fixed-size counters for the named statuses; nil for `.other`.
    var namedIndex: Int? {
        switch self {
        case .sent: 0
        case .delivered: 1
        case .read: 2
        case .failed: 3
        case .notSent: 4
        case .queued: 5
        case .undelivered: 6
        case .other: nil
        }
    }
}
