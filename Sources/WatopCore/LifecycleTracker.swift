/// Lifecycles of the messages that still have at least one event in the ring.
///
/// Memory is tied to the ring: each held event counts as a reference to its message, and a
/// message is forgotten when its last event is overwritten. So the tracker never holds more
/// messages than the ring holds events.
public struct LifecycleTracker: Sendable {
    private struct Entry {
        var lifecycle: MessageLifecycle
        var eventsHeld: Int

        mutating func observe(_ event: CallbackEvent) -> (StatusObservation.Arrival, LifecycleLatencies) {
            eventsHeld += 1
            let arrival = lifecycle.observe(event)
            return (arrival, arrival == .duplicate ? LifecycleLatencies() : lifecycle.latencies(completedBy: event.status))
        }
    }

    private var entries: [String: Entry] = [:]
    /// Callbacks whose status came after a later one for the same message (all time).
    public private(set) var outOfOrder = 0
    /// Callbacks that repeated a status already seen for the same message (all time).
    public private(set) var duplicates = 0

    public init() {}

    public var messageCount: Int { entries.count }

    public func lifecycle(of id: String) -> MessageLifecycle? { entries[id]?.lifecycle }

    /// Records an event that was just added to the ring; returns the lifecycle intervals it
    /// completes (its message's sent→delivered once both are known, and so on).
    @discardableResult
    public mutating func observe(_ event: CallbackEvent) -> LifecycleLatencies {
        // Optional chaining mutates the entry in place: one hash lookup, no copy of its history.
        guard let (arrival, latencies) = entries[event.id]?.observe(event) else {
            entries[event.id] = Entry(lifecycle: MessageLifecycle(first: event), eventsHeld: 1)
            return LifecycleLatencies()
        }
        switch arrival {
        case .outOfOrder: outOfOrder += 1
        case .duplicate: duplicates += 1
        case .inOrder: break
        }
        return latencies
    }

    /// Releases an event the ring has overwritten.
    public mutating func release(_ event: CallbackEvent) {
        guard let held = entries[event.id]?.eventsHeld else { return }
        if held <= 1 {
            entries[event.id] = nil
        } else {
            entries[event.id]?.eventsHeld = held - 1
        }
    }
}
