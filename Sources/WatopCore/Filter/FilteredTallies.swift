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

    /// How many WhatsApp numbers and error codes get a row of their own.
    private let bounds: TableBounds

    /// - Parameter groupsMessages: also group the events' messages for the Breakdown panel.
    public init(bounds: TableBounds = TableBounds(), groupsMessages: Bool = false) {
        self.bounds = bounds
        messages = groupsMessages ? FilteredMessages(breakdownCap: bounds.breakdownGroups) : nil
    }

    /// The messages of these events grouped by each breakdown key, when asked for.
    public var breakdown: Breakdown? { messages?.breakdown }

    public mutating func add(_ event: borrowing CallbackEvent) {
        events += 1
        let status = event.status
        statuses.add(status)
        if let code = event.errorCode {
            errorCodes.update(bounded: code, limit: bounds.errorCodes, from: ErrorCodeTally()) { $0.add(event) }
        }
        let number = event.whatsappNumber ?? Aggregates.unknownWhatsAppNumber
        whatsappNumbers.update(bounded: number, limit: bounds.whatsappNumbers, from: WhatsAppNumberTally()) { $0.add(event) }
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
        // A value without a row of its own was counted under `other`.
        if let code = event.errorCode, let entry = errorCodes.index(forKey: code) ?? errorCodes.index(forKey: TableBounds.other) {
            errorCodes.values[entry].remove(event)
            if errorCodes.values[entry].count <= 0 { errorCodes.remove(at: entry) }
        }
        let number = event.whatsappNumber ?? Aggregates.unknownWhatsAppNumber
        if let entry = whatsappNumbers.index(forKey: number) ?? whatsappNumbers.index(forKey: TableBounds.other) {
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
