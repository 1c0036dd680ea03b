/// Every message watop has had a callback for, up to a cap, kept apart from the ring: the ring
/// forgets a message once its newest event is overwritten, and would count a late `read` as a
/// new message. Counts messages (not events) per class, overall and per WhatsApp number, so that
/// no ratio of them can pass 100%.
///
/// A message costs one 64-byte entry plus its slot in the id table, about 24 bytes at the
/// table's load: some 88 bytes, or 88 MB for the default million. When full, the message idle
/// the longest gives way to the new one: the entries form a list in order of last activity, so
/// finding it and moving a message to the front are O(1). Evicted messages leave the counts and
/// are counted apart; one that reports again comes back as a new message.
///
/// Inbound messages (customers writing to the business) have no delivery to follow: not counted.
struct MessageTable: Sendable {
    static let defaultCapacity = 1_000_000

    let capacity: Int
    /// The slot of each message's entry, by `MessageKey.primary`.
    private var slots: [UInt64: UInt32] = [:]
    private var entries: [MessageEntry] = []
    /// The ends of the activity order: the message idle the longest, the latest active.
    private var oldest = MessageEntry.none
    private var newest = MessageEntry.none
    /// WhatsApp numbers in the order first seen; index 0 stands for messages without one.
    private(set) var numbers: [String: UInt32] = [Aggregates.unknownWhatsAppNumber: 0]
    private(set) var tallies = [MessageTally()]
    private(set) var total = MessageTally()
    /// Messages let go to make room, in all.
    private(set) var evicted = 0
    /// The pending messages by when they were last heard of, to find those stuck.
    private var pending = PendingAges()
    /// Sent→delivered and delivered→read, as each message's second time becomes known.
    private var latencies = LatencyRollups()
    /// The messages held, grouped by each breakdown key.
    private(set) var breakdown: Breakdown

    /// How many WhatsApp numbers have counts of their own; the rest count as `other`.
    private let numbersKept: Int

    init(capacity: Int = MessageTable.defaultCapacity, bounds: TableBounds = TableBounds()) {
        precondition(capacity > 0 && capacity < Int(MessageEntry.none))
        self.capacity = capacity
        numbersKept = bounds.whatsappNumbers
        breakdown = Breakdown(cap: bounds.breakdownGroups)
    }

    var count: Int { slots.count }

    /// Notes an accepted event's status in its message's entry, making one if it has none.
    mutating func record(_ event: borrowing CallbackEvent, key: MessageKey) {
        let status = event.statusCode
        if status == .other, event.status == .inbound { return }
        let slot: Int
        if let found = slots[key.primary] {
            slot = Int(found)
            if entries[slot].key == key {
                update(slot, with: event, status: status)
            } else {
                // Another id with the same primary hash: the message there gives way, as if evicted.
                evict(slot)
                place(event, key: key, status: status, at: slot)
            }
        } else if entries.count < capacity {
            slot = entries.count
            entries.append(MessageEntry(key: key, number: 0, status: status))
            place(event, key: key, status: status, at: slot)
        } else {
            slot = Int(oldest)
            evict(slot)
            place(event, key: key, status: status, at: slot)
        }
        if let amount = event.price { breakdown.addPrice(amount, to: entries[slot].groups) }
    }

    private mutating func place(_ event: borrowing CallbackEvent, key: MessageKey, status: StatusCode, at slot: Int) {
        let number = numberIndex(of: event.whatsappNumber)
        entries[slot] = MessageEntry(key: key, number: number, status: status)
        entries[slot].stamp(status, at: event.eventTime)
        entries[slot].lastSeen = Self.seconds(event.receivedAt)
        entries[slot].firstSeen = entries[slot].lastSeen
        notePending(slot, counted: true)
        slots[key.primary] = UInt32(slot)
        append(slot)
        let statusClass = entries[slot].statusClass
        tallies[Int(number)].add(statusClass)
        total.add(statusClass)
        entries[slot].groups = breakdown.enter(event, as: statusClass)
        noteCharge(of: event, at: slot)
    }

    /// Counts the message in `slot` as charged the first time one of its statuses says so.
    private mutating func noteCharge(of event: borrowing CallbackEvent, at slot: Int) {
        guard !entries[slot].charged, event.isCharged else { return }
        entries[slot].charged = true
        tallies[Int(entries[slot].number)].charged += 1
        total.charged += 1
        breakdown.charge(entries[slot].groups)
    }

    private mutating func update(_ slot: Int, with event: borrowing CallbackEvent, status: StatusCode) {
        notePending(slot, counted: false)
        let unstamped = entries[slot]
        entries[slot].stamp(status, at: event.eventTime)
        noteLatencies(of: slot, before: unstamped, receivedAt: event.receivedAt)
        entries[slot].lastSeen = max(entries[slot].lastSeen, Self.seconds(event.receivedAt))
        let before = entries[slot].statusClass
        if entries[slot].advance(to: status) {
            let after = entries[slot].statusClass
            if after != before {
                tallies[Int(entries[slot].number)].move(from: before, to: after)
                total.move(from: before, to: after)
                breakdown.move(entries[slot].groups, from: before, to: after)
            }
        }
        breakdown.fill(&entries[slot].groups, from: event, as: entries[slot].statusClass, charged: entries[slot].charged)
        // A message first heard of without its WhatsApp number takes the first one given.
        if entries[slot].number == 0, let given = event.whatsappNumber, !given.isEmpty {
            let statusClass = entries[slot].statusClass
            let number = numberIndex(of: given)
            tallies[0].add(statusClass, count: -1)
            tallies[Int(number)].add(statusClass)
            if entries[slot].charged {
                tallies[0].charged -= 1
                tallies[Int(number)].charged += 1
            }
            entries[slot].number = number
        }
        notePending(slot, counted: true)
        noteCharge(of: event, at: slot)
        guard UInt32(slot) != newest else { return }
        unlink(slot)
        append(slot)
    }

    /// Lets the message in `slot` go: out of the id table, the activity order and the counts.
    private mutating func evict(_ slot: Int) {
        let entry = entries[slot]
        notePending(slot, counted: false)
        slots[entry.key.primary] = nil
        unlink(slot)
        tallies[Int(entry.number)].add(entry.statusClass, count: -1)
        total.add(entry.statusClass, count: -1)
        if entry.charged {
            tallies[Int(entry.number)].charged -= 1
            total.charged -= 1
        }
        breakdown.leave(entry.groups, as: entry.statusClass, charged: entry.charged)
        evicted += 1
    }

    /// Counts the message in `slot` among the pending ones (or no longer), while it is pending.
    private mutating func notePending(_ slot: Int, counted: Bool) {
        let entry = entries[slot]
        guard entry.statusClass == .pending else { return }
        if counted {
            pending.add(number: entry.number, lastSeen: entry.lastSeen)
        } else {
            pending.remove(number: entry.number, lastSeen: entry.lastSeen)
        }
    }

    /// Records a latency the first time both of its ends are known, whichever came first.
    private mutating func noteLatencies(of slot: Int, before: MessageEntry, receivedAt: UnixTime) {
        let entry = entries[slot]
        if before.sent == 0 || before.delivered == 0, entry.sent != 0, entry.delivered != 0 {
            latencies.record(.sentToDelivered, seconds: Int64(entry.delivered) - Int64(entry.sent), number: entry.number, at: receivedAt.seconds)
        }
        if before.delivered == 0 || before.read == 0, entry.delivered != 0, entry.read != 0 {
            latencies.record(.deliveredToRead, seconds: Int64(entry.read) - Int64(entry.delivered), number: entry.number, at: receivedAt.seconds)
        }
    }

    /// The latencies over `window` ending at `now`.
    func latencies(window: RateWindow, now: UnixTime) -> DeliveryLatencies {
        latencies.summary(window: window, endingAt: now.seconds, numbers: numbers)
    }

    private static func seconds(_ time: UnixTime) -> UInt32 { UInt32(clamping: max(1, time.seconds)) }

    /// The pending messages silent for `after` seconds or more at `now`.
    func stuck(now: UnixTime, after: Int64) -> StuckMessages {
        pending.stuck(now: Self.seconds(now), after: UInt32(clamping: after), numbers: numbers)
    }

    /// How the message with `key` stands at `now` for the filter's `stuck:` and `age:`; nil
    /// while the table does not hold it (inbound, evicted, or not yet heard of).
    func state(of key: MessageKey, at now: UnixTime, stuckAfter: Int64) -> MessageState? {
        guard let slot = slots[key.primary], entries[Int(slot)].key == key else { return nil }
        let entry = entries[Int(slot)]
        let now = now.seconds
        return MessageState(
            age: now - Int64(entry.firstSeen),
            stuck: entry.statusClass == .pending && now - Int64(entry.lastSeen) >= stuckAfter)
    }

    private mutating func numberIndex(of number: String?) -> UInt32 {
        guard let number, !number.isEmpty else { return 0 }
        if let index = numbers[number] { return index }
        // One more than the numbers kept: the list also holds the key of messages without one.
        let key = numbers.boundedKey(number, limit: numbersKept + 1)
        if let index = numbers[key] { return index }
        let index = UInt32(tallies.count)
        numbers[key] = index
        tallies.append(MessageTally())
        return index
    }

    /// Makes `slot` the latest active.
    private mutating func append(_ slot: Int) {
        entries[slot].older = newest
        entries[slot].newer = MessageEntry.none
        if newest != MessageEntry.none { entries[Int(newest)].newer = UInt32(slot) } else { oldest = UInt32(slot) }
        newest = UInt32(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let (older, newer) = (entries[slot].older, entries[slot].newer)
        if older != MessageEntry.none { entries[Int(older)].newer = newer } else { oldest = newer }
        if newer != MessageEntry.none { entries[Int(newer)].older = older } else { newest = older }
    }

    /// The entry of the message with `id`, while held.
    func entry(of id: String) -> MessageEntry? {
        let key = MessageKey(id: id)
        guard let slot = slots[key.primary], entries[Int(slot)].key == key else { return nil }
        return entries[Int(slot)]
    }

    /// The counts as they stand, for a snapshot.
    var funnel: MessageFunnel {
        MessageFunnel(
            total: total, capacity: capacity, evicted: evicted, numbers: numbers, tallies: tallies, breakdown: breakdown)
    }
}
