/// The delivery status a callback reports.
///
/// Kaleyra documents five values; any other value is kept verbatim as its own status so
/// that nothing a provider sends is ever dropped or folded into another bucket.
public enum DeliveryStatus: Hashable, Sendable, CustomStringConvertible {
    case sent
    case delivered
    case read
    case failed
    case notSent
    case other(String)

    /// The documented statuses, in lifecycle order, for tables that list them first.
    public static let documented: [DeliveryStatus] = [.sent, .delivered, .read, .failed, .notSent]

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
    ]

    /// The canonical spelling, as Kaleyra writes it.
    public var name: String {
        switch self {
        case .sent: "sent"
        case .delivered: "delivered"
        case .read: "read"
        case .failed: "failed"
        case .notSent: "not-sent"
        case .other(let text): text
        }
    }

    public var description: String { name }

    /// Position in the forward-only lifecycle. Terminal statuses outrank every other so that
    /// a failure after a successful send is shown, and nothing moves a message out of them.
    public var lifecycleRank: Int {
        switch self {
        case .other: 0
        case .sent: 1
        case .delivered: 2
        case .read: 3
        case .failed, .notSent: 4
        }
    }

    public var isTerminal: Bool { lifecycleRank == 4 }

    /// Sort key for tables: the documented statuses in lifecycle order, then others by name.
    public var listOrder: (Int, String) { (documentedIndex ?? DeliveryStatus.documented.count, name) }

    /// Index into fixed-size counters for the documented statuses; nil for `.other`.
    var documentedIndex: Int? {
        switch self {
        case .sent: 0
        case .delivered: 1
        case .read: 2
        case .failed: 3
        case .notSent: 4
        case .other: nil
        }
    }
}
