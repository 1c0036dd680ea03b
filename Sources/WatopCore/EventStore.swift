import NIOConcurrencyHelpers

/// The one owner of watop's mutable state: the ring, the all-time aggregates and the message
/// lifecycles, behind one lock.
///
/// The listener's threads call `record` and `recordRejection`; the dashboard and the
/// headless printer take snapshots. Each critical section is short and never waits on a
/// reader, so a slow screen cannot slow intake.
public final class EventStore: Sendable {
    private struct State {
        var ring: EventRing
        var aggregates = Aggregates()
        var lifecycles = LifecycleTracker()
        /// Accepted events not yet taken by `drainOutbox`, when an outbox was asked for.
        var outbox: [CallbackEvent]?
    }

    /// A pthread mutex (NIO's lock box) rather than `Synchronization.Mutex`: ThreadSanitizer
    /// understands pthread locking, while the latter's futex is invisible to it.
    private let state: NIOLockedValueBox<State>
    public let startedAt: UnixTime

    /// - Parameters:
    ///   - capacity: how many recent events the ring holds.
    ///   - keepsOutbox: also queue every accepted event for `drainOutbox` (headless output),
    ///     so that none is missed even when the ring wraps faster than it is read.
    public init(capacity: Int = EventRing.defaultCapacity, keepsOutbox: Bool = false, startedAt: UnixTime) {
        state = NIOLockedValueBox(State(ring: EventRing(capacity: capacity), outbox: keepsOutbox ? [] : nil))
        self.startedAt = startedAt
    }

    /// Accepts an event; returns its sequence number.
    @discardableResult
    public func record(_ event: CallbackEvent) -> UInt64 {
        var event = event
        return state.withLockedValue { state in
            if let evicted = state.ring.append(&event) { state.lifecycles.release(evicted) }
            state.aggregates.add(event)
            state.lifecycles.observe(event)
            state.outbox?.append(event)
            return event.sequence
        }
    }

    public func recordRejection(_ reason: RejectionReason) {
        state.withLockedValue { $0.aggregates.addRejection(reason) }
    }

    /// Everything a reader needs for one frame, copied in O(1) apart from small dictionaries.
    public func snapshot() -> StoreSnapshot {
        state.withLockedValue { state in
            StoreSnapshot(
                events: state.ring.window, capacity: state.ring.capacity, overwritten: state.ring.overwritten,
                aggregates: state.aggregates, outOfOrder: state.lifecycles.outOfOrder,
                duplicates: state.lifecycles.duplicates, messagesTracked: state.lifecycles.messageCount,
                startedAt: startedAt)
        }
    }

    /// The lifecycle of one message, while any of its events is still held.
    public func lifecycle(of id: String) -> MessageLifecycle? {
        state.withLockedValue { $0.lifecycles.lifecycle(of: id) }
    }

    /// Takes the accepted events queued since the last call, oldest first.
    public func drainOutbox() -> [CallbackEvent] {
        state.withLockedValue { state in
            guard let pending = state.outbox, !pending.isEmpty else { return [] }
            state.outbox = []
            state.outbox?.reserveCapacity(pending.count)
            return pending
        }
    }

    public var acceptedCount: Int { state.withLockedValue { $0.aggregates.accepted } }
}

/// A consistent, immutable picture of the store at one moment.
public struct StoreSnapshot: Sendable {
    public let events: EventWindow
    public let capacity: Int
    public let overwritten: UInt64
    public let aggregates: Aggregates
    public let outOfOrder: Int
    public let duplicates: Int
    public let messagesTracked: Int
    public let startedAt: UnixTime

    public init(
        events: EventWindow, capacity: Int, overwritten: UInt64, aggregates: Aggregates, outOfOrder: Int,
        duplicates: Int, messagesTracked: Int, startedAt: UnixTime
    ) {
        self.events = events
        self.capacity = capacity
        self.overwritten = overwritten
        self.aggregates = aggregates
        self.outOfOrder = outOfOrder
        self.duplicates = duplicates
        self.messagesTracked = messagesTracked
        self.startedAt = startedAt
    }
}
