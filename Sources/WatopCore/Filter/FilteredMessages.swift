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
        // One look-up per event: the message is changed where it lies.
        if let index = held.index(forKey: key.primary) {
            held.values[index].events += 1
            Self.advance(&held.values[index].entry, in: &breakdown, with: event, to: status)
        } else {
            var entry = MessageEntry(key: key, number: 0, status: status)
            entry.groups = breakdown.enter(event, as: entry.statusClass)
            Self.noteCharge(of: event, in: &entry, breakdown: &breakdown)
            if let amount = event.price { breakdown.addPrice(amount, to: entry.groups) }
            held[key.primary] = Held(entry: entry, events: 1)
        }
    }

    mutating func remove(_ event: borrowing CallbackEvent) {
        let status = event.statusCode
        if status == .other, event.status == .inbound { return }
        let key = event.withBytes(of: .id, MessageKey.init(id:)).primary
        guard let index = held.index(forKey: key) else { return }
        let entry = held.values[index].entry
        if let amount = event.price { breakdown.removePrice(amount, from: entry.groups) }
        held.values[index].events -= 1
        if held.values[index].events <= 0 {
            breakdown.leave(entry.groups, as: entry.statusClass, charged: entry.charged)
            held.remove(at: index)
        }
    }

    private static func advance(
        _ entry: inout MessageEntry, in breakdown: inout Breakdown, with event: borrowing CallbackEvent, to status: StatusCode
    ) {
        let before = entry.statusClass
        if entry.advance(to: status), entry.statusClass != before {
            breakdown.move(entry.groups, from: before, to: entry.statusClass)
        }
        breakdown.fill(&entry.groups, from: event, as: entry.statusClass, charged: entry.charged)
        noteCharge(of: event, in: &entry, breakdown: &breakdown)
        if let amount = event.price { breakdown.addPrice(amount, to: entry.groups) }
    }

    private static func noteCharge(of event: borrowing CallbackEvent, in entry: inout MessageEntry, breakdown: inout Breakdown) {
        guard !entry.charged, event.isCharged else { return }
        entry.charged = true
        breakdown.charge(entry.groups)
    }
}
