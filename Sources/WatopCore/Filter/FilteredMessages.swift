/// The messages of the matching events still held, grouped by each breakdown key: the
/// Breakdown panel under a filter. A message counts while any of its matching events is held,
/// in the class of the furthest status among those seen, as the message table counts it.
struct FilteredMessages: Sendable {
    private struct Held {
        var entry: MessageEntry
        /// Its matching events still held: it leaves with the last.
        var events: Int
    }

    private var held: [UInt64: Held] = [:]
    private(set) var breakdown: Breakdown

    init(breakdownCap: Int) {
        breakdown = Breakdown(cap: breakdownCap)
    }

    mutating func add(_ event: borrowing CallbackEvent) {
        let status = event.statusCode
        if status == .other, event.status == .inbound { return }
        let key = event.withBytes(of: .id, MessageKey.init(id:))
        if var message = held.removeValue(forKey: key.primary) {
            let before = message.entry.statusClass
            if message.entry.advance(to: status), message.entry.statusClass != before {
                breakdown.move(message.entry.groups, from: before, to: message.entry.statusClass)
            }
            breakdown.fill(&message.entry.groups, from: event, as: message.entry.statusClass, charged: message.entry.charged)
            message.events += 1
            noteCharge(of: event, in: &message.entry)
            held[key.primary] = message
        } else {
            var entry = MessageEntry(key: key, number: 0, status: status)
            entry.groups = breakdown.enter(event, as: entry.statusClass)
            noteCharge(of: event, in: &entry)
            held[key.primary] = Held(entry: entry, events: 1)
        }
        if let amount = event.price, let groups = held[key.primary]?.entry.groups { breakdown.addPrice(amount, to: groups) }
    }

    mutating func remove(_ event: borrowing CallbackEvent) {
        let status = event.statusCode
        if status == .other, event.status == .inbound { return }
        let key = event.withBytes(of: .id, MessageKey.init(id:)).primary
        guard var message = held[key] else { return }
        if let amount = event.price { breakdown.removePrice(amount, from: message.entry.groups) }
        message.events -= 1
        if message.events > 0 {
            held[key] = message
        } else {
            breakdown.leave(message.entry.groups, as: message.entry.statusClass, charged: message.entry.charged)
            held[key] = nil
        }
    }

    private mutating func noteCharge(of event: borrowing CallbackEvent, in entry: inout MessageEntry) {
        guard !entry.charged, event.isCharged else { return }
        entry.charged = true
        breakdown.charge(entry.groups)
    }
}
