/// Totals over a changing set of events (those in the buffer that a filter admits): like
/// `Aggregates`, but events can also be removed when the ring overwrites them, so the
/// tables stay exact for "the matching events still held".
public struct FilteredTallies: Sendable {
    public private(set) var events = 0
    public private(set) var statuses = StatusCounts()
    public private(set) var errorCodes: [String: ErrorCodeCount] = [:]
    /// Keyed by WhatsApp number; `Aggregates.unknownSender` for events without one.
    public private(set) var senders: [String: SenderCount] = [:]
    public private(set) var price = PriceSum()
    public private(set) var priceByStatus: [DeliveryStatus: PriceSum] = [:]
    /// Arrivals per status over the last minute. Not reduced when events are overwritten:
    /// a rate describes arrivals, not what the buffer still holds.
    public private(set) var rates: [DeliveryStatus: RateMeter] = [:]

    public init() {}

    public mutating func add(_ event: CallbackEvent) {
        events += 1
        statuses.add(event.status)
        if let code = event.errorCode { errorCodes[code, default: ErrorCodeCount()].add(event) }
        senders[event.whatsappNumber ?? Aggregates.unknownSender, default: SenderCount()].add(event)
        if let amount = event.price {
            price.add(amount)
            priceByStatus[event.status, default: PriceSum()].add(amount)
        }
        rates[event.status, default: RateMeter()].record(at: event.receivedAt)
    }

    /// Takes back an event added earlier. Events leave oldest first, so the "last seen"
    /// details of what remains are still those of its newest event.
    public mutating func remove(_ event: CallbackEvent) {
        events -= 1
        statuses.add(event.status, count: -1)
        if let code = event.errorCode {
            errorCodes[code]?.count -= 1
            if errorCodes[code]?.count ?? 0 <= 0 { errorCodes[code] = nil }
        }
        let sender = event.whatsappNumber ?? Aggregates.unknownSender
        senders[sender]?.remove(event)
        if senders[sender]?.statuses.total ?? 0 <= 0 { senders[sender] = nil }
        if let amount = event.price {
            price.remove(amount)
            priceByStatus[event.status]?.remove(amount)
            if priceByStatus[event.status]?.pricedEvents ?? 0 <= 0 { priceByStatus[event.status] = nil }
        }
    }
}

/// Totals for one error code among filtered events.
public struct ErrorCodeCount: Sendable, Equatable {
    public fileprivate(set) var count = 0
    public private(set) var lastErrorText: String?
    public private(set) var lastSeen: UnixTime?

    mutating func add(_ event: CallbackEvent) {
        count += 1
        if let text = event.error { lastErrorText = text }
        lastSeen = event.receivedAt
    }
}

/// Totals for one sending number among filtered events.
public struct SenderCount: Sendable, Equatable {
    public private(set) var statuses = StatusCounts()
    public private(set) var price = PriceSum()

    mutating func add(_ event: CallbackEvent) {
        statuses.add(event.status)
        if let amount = event.price { price.add(amount) }
    }

    mutating func remove(_ event: CallbackEvent) {
        statuses.add(event.status, count: -1)
        if let amount = event.price { price.remove(amount) }
    }
}

/// An exact sum of reported prices that events can leave as well as join.
public struct PriceSum: Sendable, Equatable {
    public private(set) var total = ReportedPrice.zero
    public private(set) var pricedEvents = 0

    public init() {}

    mutating func add(_ amount: ReportedPrice) {
        total += amount
        pricedEvents += 1
    }

    mutating func remove(_ amount: ReportedPrice) {
        total = ReportedPrice(nanos: total.nanos - amount.nanos)
        pricedEvents -= 1
    }

    public var average: ReportedPrice { total.divided(by: pricedEvents) }
}
