/// The totals the dashboard's tables show, whether over all time (`Aggregates`) or over the
/// filtered events in the buffer (`FilteredTallies`).
public protocol TableTotals {
    var statuses: StatusCounts { get }
    var errorCodes: [String: ErrorCodeTally] { get }
    var senders: [String: SenderTally] { get }
    var price: PriceTally { get }
    var priceByStatus: StatusKeyed<PriceTally> { get }
}

/// Exact running totals over every event accepted since start (not only those still in the
/// ring), and every rejected request. After N accepted events the status counts sum to N.
public struct Aggregates: Sendable, TableTotals {
    public private(set) var accepted = 0
    public private(set) var statuses = StatusCounts()
    public private(set) var errorCodes: [String: ErrorCodeTally] = [:]
    public private(set) var senders: [String: SenderTally] = [:]
    /// Price reported on accepted events, overall and per status.
    public private(set) var price = PriceTally()
    public private(set) var priceByStatus = StatusKeyed<PriceTally>()
    public private(set) var rejections: [RejectionReason: Int] = [:]
    /// Accepted events per format, indexed by `CallbackFormat.slot`.
    private var formatCounts = [Int](repeating: 0, count: CallbackFormat.allCases.count)
    /// Accepted requests that needed a tolerated departure from their format.
    public private(set) var quirks: [ParsingQuirk: Int] = [:]
    /// Webhook changes acknowledged without events (other webhook fields).
    public private(set) var ignoredChanges = 0
    public private(set) var rate = RateMeter()
    public private(set) var firstReceived: UnixTime?
    public private(set) var lastReceived: UnixTime?

    /// The key under which events without a `whatsapp_number` are counted.
    public static let unknownSender = ""

    public init() {}

    public mutating func add(_ event: CallbackEvent) {
        accepted += 1
        formatCounts[event.format.slot] += 1
        statuses.add(event.status)
        if let code = event.errorCode {
            errorCodes[code, default: ErrorCodeTally()].add(event)
        }
        senders[event.whatsappNumber ?? Self.unknownSender, default: SenderTally()].add(event)
        if let amount = event.price {
            price.add(amount)
            priceByStatus.update(event.status, from: PriceTally()) { $0.add(amount) }
        }
        rate.record(at: event.receivedAt)
        if firstReceived == nil { firstReceived = event.receivedAt }
        lastReceived = event.receivedAt
    }

    public mutating func addRejection(_ reason: RejectionReason) {
        rejections[reason, default: 0] += 1
    }

    /// Counts what a request carried besides its events.
    public mutating func addRequestDetails(of batch: CallbackBatch) {
        for quirk in batch.quirks { quirks[quirk, default: 0] += 1 }
        ignoredChanges += batch.ignoredChanges
    }

    public var rejected: Int { rejections.values.reduce(0, +) }

    /// Accepted events that came in `format`.
    public func accepted(in format: CallbackFormat) -> Int { formatCounts[format.slot] }
}

/// Totals for one error code.
public struct ErrorCodeTally: Sendable, Equatable {
    public private(set) var count = 0
    /// The `error` text of the most recent event with this code.
    public private(set) var lastErrorText: String?
    public private(set) var lastSeen: UnixTime?
    public private(set) var statuses = StatusCounts()

    public init() {}

    public mutating func add(_ event: CallbackEvent) {
        count += 1
        if let text = event.error { lastErrorText = text }
        lastSeen = event.receivedAt
        statuses.add(event.status)
    }

    /// Takes back an event added earlier. Events leave oldest first, so the "last" details
    /// still describe the newest event that remains.
    public mutating func remove(_ event: borrowing CallbackEvent) {
        count -= 1
        statuses.add(event.status, count: -1)
    }
}

/// Totals for one sending WhatsApp number.
public struct SenderTally: Sendable, Equatable {
    public private(set) var statuses = StatusCounts()
    public private(set) var price = PriceTally()

    public init() {}

    public mutating func add(_ event: CallbackEvent) {
        statuses.add(event.status)
        if let amount = event.price { price.add(amount) }
    }

    public mutating func remove(_ event: borrowing CallbackEvent) {
        statuses.add(event.status, count: -1)
        if let amount = event.price { price.remove(amount) }
    }
}

/// An exact sum of reported prices and how many events carried one.
public struct PriceTally: Sendable, Equatable {
    public private(set) var total = ReportedPrice.zero
    public private(set) var pricedEvents = 0

    public init() {}

    public mutating func add(_ amount: ReportedPrice) {
        total += amount
        pricedEvents += 1
    }

    public mutating func remove(_ amount: ReportedPrice) {
        total = ReportedPrice(nanos: total.nanos - amount.nanos)
        pricedEvents -= 1
    }

    /// Mean reported price per priced event.
    public var average: ReportedPrice { total.divided(by: pricedEvents) }
}
