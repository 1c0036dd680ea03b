/// Totals over a changing set of events (those in the buffer that a filter admits): like
/// `Aggregates`, but events can also be removed when the ring overwrites them, so the
/// tables stay exact for "the matching events still held".
public struct FilteredTallies: Sendable, TableTotals {
    public private(set) var events = 0
    public private(set) var statuses = StatusCounts()
    public private(set) var errorCodes: [String: ErrorCodeTally] = [:]
    /// Keyed by WhatsApp number; `Aggregates.unknownWhatsAppNumber` for events without one.
    public private(set) var whatsappNumbers: [String: WhatsAppNumberTally] = [:]
    public private(set) var price = PriceTally()
    public private(set) var priceByStatus = StatusKeyed<PriceTally>()
    /// Arrivals per status over the last minute. Not reduced when events are overwritten:
    /// a rate describes arrivals, not what the buffer still holds.
    public private(set) var rates = StatusKeyed<RateMeter>()
    /// The messages of these events by each breakdown key; nil unless asked for (under a
    /// filter: without one, the message table has them all).
    private var messages: FilteredMessages?

    /// - Parameter breakdownCap: also group the events' messages for the Breakdown panel, with
    ///   this many distinct values per key; nil does not.
    public init(breakdownCap: Int? = nil) {
        messages = breakdownCap.map(FilteredMessages.init(breakdownCap:))
    }

    /// The messages of these events grouped by each breakdown key, when asked for.
    public var breakdown: Breakdown? { messages?.breakdown }

    public mutating func add(_ event: borrowing CallbackEvent) {
        events += 1
        let status = event.status
        statuses.add(status)
        if let code = event.errorCode { errorCodes[code, default: ErrorCodeTally()].add(event) }
        whatsappNumbers[event.whatsappNumber ?? Aggregates.unknownWhatsAppNumber, default: WhatsAppNumberTally()].add(event)
        if let amount = event.price {
            price.add(amount)
            priceByStatus.update(status, from: PriceTally()) { $0.add(amount) }
        }
        rates.update(status, from: RateMeter()) { $0.record(at: event.receivedAt) }
        messages?.add(event)
    }

    /// Takes back an event added earlier. Events leave oldest first, so the "last seen"
    /// details of what remains are still those of its newest event.
    public mutating func remove(_ event: borrowing CallbackEvent) {
        events -= 1
        let status = event.status
        statuses.add(status, count: -1)
        if let code = event.errorCode, let entry = errorCodes.index(forKey: code) {
            errorCodes.values[entry].remove(event)
            if errorCodes.values[entry].count <= 0 { errorCodes.remove(at: entry) }
        }
        if let entry = whatsappNumbers.index(forKey: event.whatsappNumber ?? Aggregates.unknownWhatsAppNumber) {
            whatsappNumbers.values[entry].remove(event)
            if whatsappNumbers.values[entry].statuses.total <= 0 { whatsappNumbers.remove(at: entry) }
        }
        if let amount = event.price {
            price.remove(amount)
            priceByStatus[status]?.remove(amount)
            if priceByStatus[status]?.pricedEvents ?? 0 <= 0 { priceByStatus[status] = nil }
        }
        messages?.remove(event)
    }
}
