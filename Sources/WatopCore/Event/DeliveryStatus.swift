/// The delivery status a callback reports.
///
/// Kaleyra documents five values; Twilio and Meta add their own, each named here with its
/// place in a message's lifecycle. Any other value is kept verbatim as its own status so that
/// nothing a provider sends is ever dropped or folded into another bucket.
public enum DeliveryStatus: Hashable, Sendable, CustomStringConvertible {
    case queued
    case sent
    case delivered
    case read
    case failed
    case notSent
    case undelivered
    /// Twilio: taken by a Messaging Service, not yet queued.
    case accepted
    /// Twilio: taken by a Messaging Service to be sent later.
    case scheduled
    /// Twilio: being handed to WhatsApp.
    case sending
    /// Twilio: a scheduled message withdrawn before it was sent.
    case canceled
    /// Twilio: delivered to some of its recipients.
    case partiallyDelivered
    /// Meta: sent, but an item of a catalog it names is unavailable. Not a failure.
    case warning
    /// Meta: a voice message was played, after it was read.
    case played
    /// Meta: the customer deleted a message they had sent.
    case deleted
    case other(String)

    /// Kaleyra's documented statuses, in lifecycle order: tables always list them, even at zero.
    public static let documented: [DeliveryStatus] = [.sent, .delivered, .read, .failed, .notSent]
    /// Every named status; the first five are `documented`.
    static let named: [DeliveryStatus] = Named.allCases.map(\.status)

    /// How an inbound message (a reply from a customer, in a Meta webhook) is counted and shown.
    public static let inbound = DeliveryStatus.other("inbound")

    /// Case-insensitive; `not_sent` and `notsent` are read as `not-sent`, `cancelled` as
    /// `canceled`.
    public init(parsing text: String) {
        // Compared as bytes: lowercasing a String allocates, and this runs for every callback.
        var text = text
        let known: DeliveryStatus? = text.withUTF8 { bytes in
            Self.spellings.first { spelling in spelling.text.withUTF8Bytes { asciiEqual(bytes, $0, ignoringCase: true) } }?.status
        }
        self = known ?? .other(text)
    }

    private static let spellings: [(text: String, status: DeliveryStatus)] =
        Named.allCases.map { ($0.entry.name, $0.status) }
        + [("not_sent", .notSent), ("notsent", .notSent), ("cancelled", .canceled)]

    /// The canonical spelling, as its provider writes it.
    public var name: String {
        guard let named = Named(self) else {
            if case .other(let text) = self { return text }
            return ""
        }
        return named.entry.name
    }

    public var description: String { name }

    /// Position in the forward-only lifecycle. Terminal statuses outrank every other so that
    /// a failure after a successful send is shown, and nothing moves a message out of them.
    public var lifecycleRank: Int { Named(self)?.rank ?? 0 }

    /// Whether nothing moves a message on from this status.
    public var isTerminal: Bool { Named(self)?.isTerminal ?? false }

    /// Sort key for tables: the named statuses in lifecycle order, then others by name.
    public var listOrder: (Int, String) { (namedIndex ?? DeliveryStatus.named.count, name) }

    /// A named status in one byte, for storing beside an event without its payload. The order
    /// is that of tables: Kaleyra's five first.
    enum Named: UInt8, Sendable, CaseIterable {
        case sent, delivered, read, failed, notSent, queued, undelivered
        case accepted, scheduled, sending, canceled, partiallyDelivered
        case warning, played, deleted

        /// What watop knows of a named status, in one place.
        struct Entry {
            /// The canonical spelling.
            let name: String
            /// Place in the lifecycle: a message only moves to a status of the same rank or higher.
            let rank: Int
            let statusClass: StatusClass
            let isTerminal: Bool
        }

        /// Read for every event recorded: taken from `entry` once, not built on each read.
        var statusClass: StatusClass { Self.classes[Int(rawValue)] }
        var rank: Int { Self.ranks[Int(rawValue)] }
        var isTerminal: Bool { Self.terminal[Int(rawValue)] }
        // `allCases` is in raw-value order: the cases have no raw values of their own.
        private static let classes = allCases.map(\.entry.statusClass)
        private static let ranks = allCases.map(\.entry.rank)
        private static let terminal = allCases.map(\.entry.isTerminal)

        var entry: Entry {
            switch self {
            case .accepted: Entry(name: "accepted", rank: 1, statusClass: .pending, isTerminal: false)
            case .scheduled: Entry(name: "scheduled", rank: 1, statusClass: .pending, isTerminal: false)
            case .queued: Entry(name: "queued", rank: 1, statusClass: .pending, isTerminal: false)
            case .sending: Entry(name: "sending", rank: 2, statusClass: .pending, isTerminal: false)
            case .sent: Entry(name: "sent", rank: 3, statusClass: .pending, isTerminal: false)
            // Reported of a sent message; it says nothing of delivery, so it stands beside `sent`.
            case .warning: Entry(name: "warning", rank: 3, statusClass: .pending, isTerminal: false)
            case .delivered: Entry(name: "delivered", rank: 4, statusClass: .delivered, isTerminal: false)
            case .partiallyDelivered: Entry(name: "partially_delivered", rank: 4, statusClass: .delivered, isTerminal: false)
            case .read: Entry(name: "read", rank: 5, statusClass: .read, isTerminal: false)
            case .played: Entry(name: "played", rank: 6, statusClass: .read, isTerminal: false)
            case .failed: Entry(name: "failed", rank: 7, statusClass: .failed, isTerminal: true)
            case .notSent: Entry(name: "not-sent", rank: 7, statusClass: .failed, isTerminal: true)
            case .undelivered: Entry(name: "undelivered", rank: 7, statusClass: .failed, isTerminal: true)
            case .canceled: Entry(name: "canceled", rank: 7, statusClass: .failed, isTerminal: true)
            // About a customer's own message (as `inbound` is), never a delivery outcome: it
            // ranks as an unnamed status and moves no message of the business.
            case .deleted: Entry(name: "deleted", rank: 0, statusClass: .pending, isTerminal: false)
            }
        }

        init?(_ status: DeliveryStatus) {
            switch status {
            case .queued: self = .queued
            case .sent: self = .sent
            case .delivered: self = .delivered
            case .read: self = .read
            case .failed: self = .failed
            case .notSent: self = .notSent
            case .undelivered: self = .undelivered
            case .accepted: self = .accepted
            case .scheduled: self = .scheduled
            case .sending: self = .sending
            case .canceled: self = .canceled
            case .partiallyDelivered: self = .partiallyDelivered
            case .warning: self = .warning
            case .played: self = .played
            case .deleted: self = .deleted
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
            case .accepted: .accepted
            case .scheduled: .scheduled
            case .sending: .sending
            case .canceled: .canceled
            case .partiallyDelivered: .partiallyDelivered
            case .warning: .warning
            case .played: .played
            case .deleted: .deleted
            }
        }
    }

    /// Index into fixed-size counters for the named statuses; nil for `.other`.
    var namedIndex: Int? { Named(self).map { Int($0.rawValue) } }
}
