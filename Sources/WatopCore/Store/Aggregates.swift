/// The totals the dashboard's tables show, whether over all time (`Aggregates`) or over the
/// filtered events in the buffer (`FilteredTallies`).
public protocol TableTotals {
    var statuses: StatusCounts { get }
    var errorCodes: [String: ErrorCodeTally] { get }
    var whatsappNumbers: [String: WhatsAppNumberTally] { get }
    var price: PriceTally { get }
    var priceByStatus: StatusKeyed<PriceTally> { get }
}

/// Exact running totals over every event accepted since start (not only those still in the
/// ring), and every rejected request. After N accepted events the status counts sum to N.
public struct Aggregates: Sendable, TableTotals {
    public private(set) var accepted = 0
    public private(set) var statuses = StatusCounts()
    public private(set) var errorCodes: [String: ErrorCodeTally] = [:]
    public private(set) var whatsappNumbers: [String: WhatsAppNumberTally] = [:]
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
    /// Notices: templates, quality, alerts, errors without a status.
    public private(set) var notices = 0
    public private(set) var rate = RateMeter()
    public private(set) var firstReceived: UnixTime?
    public private(set) var lastReceived: UnixTime?

    /// How many WhatsApp numbers and error codes get a row of their own.
    public let bounds: TableBounds

    /// The key under which events without a `whatsapp_number` are counted.
    public static let unknownWhatsAppNumber = ""

    public init(bounds: TableBounds = TableBounds()) {
        self.bounds = bounds
    }

    /// Totals read back from the journal's checkpoint (the rate starts afresh).
    init(
        accepted: Int, statuses: StatusCounts, errorCodes: [String: ErrorCodeTally], whatsappNumbers: [String: WhatsAppNumberTally],
        price: PriceTally, priceByStatus: StatusKeyed<PriceTally>, rejections: [RejectionReason: Int],
        formatCounts: [CallbackFormat: Int], quirks: [ParsingQuirk: Int], ignoredChanges: Int, notices: Int = 0,
        firstReceived: UnixTime?, lastReceived: UnixTime?
    ) {
        bounds = TableBounds()
        self.notices = notices
        self.accepted = accepted
        self.statuses = statuses
        self.errorCodes = errorCodes
        self.whatsappNumbers = whatsappNumbers
        self.price = price
        self.priceByStatus = priceByStatus
        self.rejections = rejections
        for (format, count) in formatCounts { self.formatCounts[format.slot] = count }
        self.quirks = quirks
        self.ignoredChanges = ignoredChanges
        self.firstReceived = firstReceived
        self.lastReceived = lastReceived
    }

    public mutating func add(_ event: CallbackEvent) {
        accepted += 1
        formatCounts[event.format.slot] += 1
        statuses.add(event.status)
        if let code = event.errorCode {
            errorCodes.update(bounded: code, limit: bounds.errorCodes, from: ErrorCodeTally()) { $0.add(event) }
        }
        let number = event.whatsappNumber ?? Self.unknownWhatsAppNumber
        whatsappNumbers.update(bounded: number, limit: bounds.whatsappNumbers, from: WhatsAppNumberTally()) { $0.add(event) }
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
        notices += batch.notices.count
    }

    public var rejected: Int { rejections.values.reduce(0, +) }

    /// Adds the totals of events that came after these (a later stretch of the journal):
    /// counts add up, and the "last" details are the later ones where it has any. The rate is
    /// left alone: it describes the events this process has read.
    public mutating func merge(_ later: Aggregates) {
        accepted += later.accepted
        statuses.merge(later.statuses)
        for (code, tally) in later.errorCodes {
            let key = errorCodes.boundedKey(code, limit: bounds.errorCodes)
            errorCodes[key] = errorCodes[key].map { $0.merging(tally) } ?? tally
        }
        for (number, tally) in later.whatsappNumbers {
            let key = whatsappNumbers.boundedKey(number, limit: bounds.whatsappNumbers)
            whatsappNumbers[key] = whatsappNumbers[key].map { $0.merging(tally) } ?? tally
        }
        price.merge(later.price)
        priceByStatus.merge(later.priceByStatus) { $0.merge($1) }
        rejections.merge(later.rejections, uniquingKeysWith: +)
        for slot in formatCounts.indices { formatCounts[slot] += later.formatCounts[slot] }
        quirks.merge(later.quirks, uniquingKeysWith: +)
        ignoredChanges += later.ignoredChanges
        notices += later.notices
        firstReceived = firstReceived ?? later.firstReceived
        lastReceived = later.lastReceived ?? lastReceived
    }

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

    init(count: Int, lastErrorText: String?, lastSeen: UnixTime?, statuses: StatusCounts) {
        self.count = count
        self.lastErrorText = lastErrorText
        self.lastSeen = lastSeen
        self.statuses = statuses
    }

    /// These totals followed by `later`'s.
    func merging(_ later: ErrorCodeTally) -> ErrorCodeTally {
        var merged = StatusCounts()
        merged.merge(statuses)
        merged.merge(later.statuses)
        return ErrorCodeTally(
            count: count + later.count, lastErrorText: later.lastErrorText ?? lastErrorText, lastSeen: later.lastSeen ?? lastSeen,
            statuses: merged)
    }

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

/// Totals for one WhatsApp number.
public struct WhatsAppNumberTally: Sendable, Equatable {
    public private(set) var statuses = StatusCounts()
    public private(set) var price = PriceTally()

    public init() {}

    init(statuses: StatusCounts, price: PriceTally) {
        self.statuses = statuses
        self.price = price
    }

    /// These totals followed by `later`'s.
    func merging(_ later: WhatsAppNumberTally) -> WhatsAppNumberTally {
        var merged = self
        merged.statuses.merge(later.statuses)
        merged.price.merge(later.price)
        return merged
    }

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

    init(total: ReportedPrice, pricedEvents: Int) {
        self.total = total
        self.pricedEvents = pricedEvents
    }

    mutating func merge(_ other: PriceTally) {
        total += other.total
        pricedEvents += other.pricedEvents
    }

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
