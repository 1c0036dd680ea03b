/// The lifecycles of the messages that still have at least one event in the ring, kept in the
/// ring itself: each event links back to its message's previous event and carries the
/// message's status so far, and one table maps each message to its newest event.
///
/// So a message costs one table entry (two words), not a history of its own: the ring already
/// holds every callback, and a million-event buffer of distinct messages stays small. The table
/// is keyed by a hash of the id; the newest event's id is compared before linking, so two ids
/// sharing a hash are never merged (the later one starts a lifecycle of its own).
///
/// A message is forgotten when its newest event leaves the ring; its lifecycle shows the
/// callbacks still held.
struct LifecycleIndex: Sendable {
    private var newest: [UInt64: UInt64] = [:]
    /// The key of each held event's message, in the slot its sequence number takes in a ring of
    /// the ring's capacity: the event an append pushes out shares the new one's slot, and is
    /// forgotten by its key alone, without touching its long-cold storage.
    private var keys: [UInt64] = []
    /// Callbacks whose status came after a later one for the same message (all time).
    private(set) var outOfOrder = 0
    /// Callbacks that repeated a status already seen for the same message (all time).
    private(set) var duplicates = 0

    /// How far back intake looks for an earlier callback of a message (an unnamed status's
    /// duplicate, a latency's other end): bounds the work a flood of one id can cause.
    private static let intakeSteps = 64
    /// How many of a message's held callbacks its lifecycle view reads.
    private static let viewSteps = 10_000

    var messageCount: Int { newest.count }

    /// Links `event`, numbered but not yet in `ring`, to its message; returns the lifecycle
    /// intervals it completes (sent→delivered once both are known, and so on). When the ring
    /// is full, also forgets the message of the event the append will push out, if that was
    /// its newest.
    /// - Parameter key: the primary hash of the event's message id.
    mutating func link(_ event: inout CallbackEvent, key: UInt64, in ring: EventRing) -> LifecycleLatencies {
        let slot = Int((event.sequence - 1) % UInt64(ring.capacity))
        let pushedOut = ring.count == ring.capacity ? (sequence: ring.oldestSequence, key: keys[slot]) : nil
        if slot == keys.count { keys.append(key) } else { keys[slot] = key }
        // Forgotten after linking, so that a message's new event still links to the one it pushes out.
        defer {
            if let pushedOut, let entry = newest.index(forKey: pushedOut.key), newest[entry].value == pushedOut.sequence {
                newest.remove(at: entry)
            }
        }
        let code = event.statusCode
        // One probe of the table both reads the message's newest event and makes this one it.
        guard let previousSequence = newest.updateValue(event.sequence, forKey: key),
            let previous = ring.event(at: previousSequence),
            previous.hasSameID(as: event)
        else {
            var seen = StatusSet()
            seen.insert(code)
            event.link = LifecycleLink(current: code, seen: seen)
            return LifecycleLatencies()
        }
        var link = previous.link
        link.back = UInt32(exactly: event.sequence - previousSequence) ?? 0
        let current = link.current.status
        if Self.repeats(event, since: previous, in: ring) {
            link.arrival = .duplicate
            duplicates += 1
        } else if current.isTerminal || event.status.lifecycleRank < current.lifecycleRank {
            link.arrival = .outOfOrder
            outOfOrder += 1
        } else {
            link.arrival = .inOrder
            link.current = code
        }
        link.seen.insert(code)
        event.link = link
        return link.arrival == .duplicate ? LifecycleLatencies() : Self.latencies(completedBy: event, previous: previous, in: ring)
    }

    /// The lifecycle of one message, while any of its events is held.
    func lifecycle(of id: String, in ring: EventRing) -> MessageLifecycle? {
        guard let sequence = newest[MessageKey(id: id).primary], let last = ring.event(at: sequence), last.id == id
        else { return nil }
        var history: [StatusObservation] = []
        var current: DeliveryStatus?
        Self.walk(back: last, in: ring, steps: Self.viewSteps) { event in
            history.append(StatusObservation(event: event))
            // Only an in-order callback moves a message, so the newest one is where it stands.
            if current == nil, event.link.arrival == .inOrder { current = event.status }
            return true
        }
        history.reverse()
        let kept = min(history.count, MessageLifecycle.historyLimit)
        return MessageLifecycle(
            id: id, current: current ?? last.link.current.status, history: Array(history.prefix(kept)),
            droppedObservations: history.count - kept)
    }

    /// Whether `event` repeats a status its message already had. Named statuses are answered by
    /// the set carried in the previous event; an unnamed one is compared by its text.
    private static func repeats(_ event: CallbackEvent, since previous: CallbackEvent, in ring: EventRing) -> Bool {
        let code = event.statusCode
        guard previous.link.seen.contains(code) else { return false }
        guard code == .other else { return true }
        let status = event.status
        var found = false
        walk(back: previous, in: ring, steps: intakeSteps) { earlier in
            found = earlier.status == status
            return !found
        }
        return found
    }

    /// The intervals a newly observed `event` completes, whichever end of the interval arrived
    /// last. Negative intervals (skewed provider clocks) are left out.
    private static func latencies(completedBy event: CallbackEvent, previous: CallbackEvent, in ring: EventRing)
        -> LifecycleLatencies
    {
        // When the message first reached `status`: its one callback of that status not marked
        // a duplicate.
        func time(of status: DeliveryStatus) -> UnixTime? {
            let code = StatusCode(status)
            if event.statusCode == code { return event.eventTime }
            guard previous.link.seen.contains(code) else { return nil }
            var time: UnixTime?
            walk(back: previous, in: ring, steps: intakeSteps) { earlier in
                if earlier.statusCode == code, earlier.link.arrival != .duplicate { time = earlier.eventTime }
                return time == nil
            }
            return time
        }
        func elapsed(_ start: DeliveryStatus, _ end: DeliveryStatus) -> Int64? {
            guard let startTime = time(of: start), let endTime = time(of: end) else { return nil }
            let milliseconds = endTime.milliseconds - startTime.milliseconds
            return milliseconds >= 0 ? milliseconds : nil
        }
        var latencies = LifecycleLatencies()
        let status = event.status
        if status == .sent || status == .delivered { latencies.sentToDelivered = elapsed(.sent, .delivered) }
        if status == .delivered || status == .read { latencies.deliveredToRead = elapsed(.delivered, .read) }
        return latencies
    }

    /// Calls `body` with `event` and then each earlier held event of its message, newest first,
    /// until `body` returns false or `steps` events were read.
    private static func walk(
        back event: CallbackEvent, in ring: EventRing, steps: Int, _ body: (CallbackEvent) -> Bool
    ) {
        var event = event
        for _ in 0..<steps {
            guard body(event), event.link.back > 0, let earlier = ring.event(at: event.sequence - UInt64(event.link.back))
            else { return }
            event = earlier
        }
    }
}
