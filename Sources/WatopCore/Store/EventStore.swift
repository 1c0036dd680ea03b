import DequeModule
import NIOConcurrencyHelpers

/// The one owner of watop's mutable state: the ring, the all-time aggregates, the rate
/// rollups, the message lifecycles, the message table and the newest events' requests, behind one lock.
///
/// The listener's threads call `record` and `recordRejection`; the dashboard and the
/// headless printer take snapshots. Each critical section is short and never waits on a
/// reader, so a slow screen cannot slow intake.
public final class EventStore: Sendable {
    private struct State {
        var ring: EventRing
        var aggregates: Aggregates
        var rollups = RateRollups()
        var lifecycles = LifecycleIndex()
        var messages: MessageTable
        var requests: RecentRequests
        /// Accepted events not yet taken by `drainOutbox`, when an outbox was asked for.
        var outbox: Outbox?
        /// What became of the requests forwarded to the app, when watop forwards.
        var forwards: ForwardLedger?
        /// Told where each journaled forwarded request stands after an attempt (the history).
        var forwardOutcomes: (any ForwardOutcomeSink)?
        /// The last refused request of each reason: at most one per reason, each bounded.
        var lastRejected: [RejectionReason: RejectedRequest] = [:]
        /// The newest notices (template, quality, alert, error).
        var notices: NoticeLog

        mutating func addRejection(_ rejected: RejectedRequest) {
            aggregates.addRejection(rejected.reason)
            lastRejected[rejected.reason] = rejected
        }

        /// Counts what a request carried besides its events, and keeps its notices.
        mutating func addRequestDetails(of batch: CallbackBatch) {
            aggregates.addRequestDetails(of: batch)
            for notice in batch.notices { notices.append(notice) }
        }
    }

    /// A pthread mutex (NIO's lock box) rather than `Synchronization.Mutex`: ThreadSanitizer
    /// understands pthread locking, while the latter's futex is invisible to it.
    private let state: NIOLockedValueBox<State>
    public let startedAt: UnixTime
    public let stuckAfterSeconds: Int64
    public static let defaultStuckAfterSeconds: Int64 = 600

    /// - Parameters:
    ///   - capacity: how many recent events the ring holds.
    ///   - requestsKept: how many of the newest events keep the request they came in (never
    ///     more than the ring holds: a request outliving its event would be memory for nothing).
    ///   - requestBytesKept: how many bytes those requests may take in all.
    ///   - outboxLimit: also queue accepted events for `drainOutbox` (headless output), up to
    ///     this many waiting, so that none is missed even when the ring wraps faster than it is
    ///     read; nil keeps no queue.
    ///   - forwardRecordsKept: when watop forwards to the app, how many of the newest forwarded
    ///     requests keep their attempts; nil when it does not forward.
    ///   - observer: told of each accepted event and refusal (the metrics exporter).
    ///   - messagesKept: how many messages the message table holds; past that, the one idle
    ///     the longest gives way.
    ///   - stuckAfterSeconds: how long a message may stay pending without a callback before it
    ///     counts as stuck (`--stuck-after`).
    ///   - bounds: how many WhatsApp numbers, error codes and breakdown groups get rows of
    ///     their own in the totals; the rest count as `other`.
    public init(
        capacity: Int = EventRing.defaultCapacity, messagesKept: Int = EventStore.defaultMessagesKept,
        bounds: TableBounds = TableBounds(),
        requestsKept: Int = EventStore.defaultRequestsKept,
        requestBytesKept: Int = EventStore.defaultRequestBytesKept, outboxLimit: Int? = nil,
        forwardRecordsKept: Int? = nil, stuckAfterSeconds: Int64 = EventStore.defaultStuckAfterSeconds, startedAt: UnixTime,
        observer: (any StoreObserver)? = nil
    ) {
        self.stuckAfterSeconds = stuckAfterSeconds
        state = NIOLockedValueBox(
            State(
                ring: EventRing(capacity: capacity), aggregates: Aggregates(bounds: bounds),
                messages: MessageTable(capacity: messagesKept, bounds: bounds),
                requests: RecentRequests(capacity: min(requestsKept, capacity), byteLimit: requestBytesKept),
                outbox: outboxLimit.map(Outbox.init(limit:)),
                forwards: forwardRecordsKept.map { ForwardLedger(capacity: $0, keepsCompleted: outboxLimit != nil) },
                notices: NoticeLog(keepsUnprinted: outboxLimit != nil)))
        self.startedAt = startedAt
        self.observer = observer
    }

    /// Told of everything the store accepts or refuses, after the store's lock is released
    /// (so it may take its own locks, but must not call back into the store).
    private let observer: (any StoreObserver)?

    public static let defaultRequestsKept = 20_000
    public static let defaultMessagesKept = MessageTable.defaultCapacity
    public static let defaultRequestBytesKept = RecentRequests.defaultByteLimit

    /// Forwarded requests whose attempts are kept for the detail view, as many as raw requests.
    public static let defaultForwardRecordsKept = defaultRequestsKept

    /// Events that may wait for a stalled printer: a few seconds of the fastest intake, so
    /// that a printer that pauses loses no line while one that has stopped cannot take all
    /// the memory.
    public static let defaultOutboxLimit = 250_000

    /// Accepts an event that came in `request`; returns its sequence number.
    @discardableResult
    public func record(_ event: CallbackEvent, request: RawRequest? = nil) -> UInt64 {
        var event = event
        // The request it lets go of comes back out of the lock to be freed here: the other
        // event-loop threads wait on the lock.
        let (latencies, _) = state.withLockedValue { state in
            let added = Self.add(&event, request: request, to: &state)
            state.outbox?.append(event)
            return added
        }
        observer?.accepted(event, completing: latencies)
        return event.sequence
    }

    /// Adds an event to the ring (numbering it and linking it to its message's lifecycle), the
    /// message table, the aggregates and the recent requests; returns the intervals it completes
    /// and the request it pushed out.
    private static func add(_ event: inout CallbackEvent, request: RawRequest?, to state: inout State)
        -> (LifecycleLatencies, RawRequest?)
    {
        event.sequence = state.ring.nextSequence
        let key = event.withBytes(of: .id, MessageKey.init(id:))
        let latencies = state.lifecycles.link(&event, key: key.primary, in: state.ring)
        state.messages.record(event, key: key)
        state.ring.append(&event)
        let letGo = state.requests.append(request, for: event.sequence)
        state.aggregates.add(event)
        state.rollups.record(event)
        return (latencies, letGo)
    }

    /// Accepts every event of a request, counts its refused items and tolerated quirks; with
    /// `rejectedAt`, the request is also kept as the last refused for each item's reason.
    public func record(_ batch: CallbackBatch, rejectedAt: UnixTime? = nil) {
        for event in batch.events { record(event, request: batch.request) }
        for item in batch.rejectedItems {
            if let rejectedAt {
                recordRejection(RejectedRequest(item, receivedAt: rejectedAt, request: batch.request))
            } else {
                recordRejection(item.reason)
            }
        }
        if !batch.quirks.isEmpty || batch.ignoredChanges > 0 || !batch.notices.isEmpty {
            state.withLockedValue { $0.addRequestDetails(of: batch) }
            for quirk in batch.quirks { observer?.tolerated(quirk) }
        }
    }

    /// Puts back events read from the journal at start: into the store, but not told to the
    /// observer, whose counters describe this process's intake.
    public func restore(_ batch: CallbackBatch) {
        state.withLockedValue { state in
            for var event in batch.events { _ = Self.add(&event, request: batch.request, to: &state) }
            state.addRequestDetails(of: batch)
        }
    }

    /// Adds totals counted without reading their events (the journal's checkpoint): the
    /// tables count them, the buffer holds none of them.
    public func mergeTotals(_ totals: Aggregates) {
        state.withLockedValue { $0.aggregates.merge(totals) }
    }

    /// Records a request that watop forwards to the app: its events (none when watop could not
    /// read it, `rejection` saying why and keeping it), all under one lock so that they are numbered
    /// together, and the start of its forward record.
    ///
    /// A request with the same bytes as one the app has not taken is the provider retrying
    /// it: nothing is recorded again (no second callback, no second price); the earlier
    /// record gets another attempt.
    /// - Parameters:
    ///   - fingerprint: the request's bytes hashed, to know a provider's retry; nil in queue
    ///     mode, where watop answered the provider, which does not retry.
    ///   - journalPosition: where the request's line is in the journal, when there is one.
    public func recordForwarded(
        _ batch: CallbackBatch?, rejection: RejectedRequest? = nil, method: String, target: String, fingerprint: Int?,
        journalPosition: Int64? = nil
    ) -> ForwardStart {
        var accepted: [(CallbackEvent, LifecycleLatencies)] = []
        let start: ForwardStart = state.withLockedValue { state in
            if let fingerprint, let id = state.forwards?.retried(fingerprint: fingerprint) {
                state.forwards?.beginRetry()
                return ForwardStart(id: id, isRetry: true)
            }
            var sequences: Range<UInt64>?
            if let batch, !batch.events.isEmpty {
                let first = state.ring.nextSequence
                accepted.reserveCapacity(batch.events.count)
                for var event in batch.events {
                    let (latencies, _) = Self.add(&event, request: batch.request, to: &state)
                    state.outbox?.append(event)
                    accepted.append((event, latencies))
                }
                sequences = first..<state.ring.nextSequence
            }
            if let batch {
                for item in batch.rejectedItems { state.aggregates.addRejection(item.reason) }
                state.addRequestDetails(of: batch)
            }
            if let rejection { state.addRejection(rejection) }
            let id =
                state.forwards?.begin(
                    sequences: sequences, journalPosition: journalPosition, method: method, target: target,
                    fingerprint: fingerprint, queued: fingerprint == nil) ?? 0
            return ForwardStart(id: id, isRetry: false)
        }
        guard !start.isRetry, let observer else { return start }
        for (event, latencies) in accepted { observer.accepted(event, completing: latencies) }
        for item in batch?.rejectedItems ?? [] { observer.rejected(item.reason) }
        if let rejection { observer.rejected(rejection.reason) }
        for quirk in batch?.quirks ?? [] { observer.tolerated(quirk) }
        return start
    }

    /// Adds the outcome of one attempt at delivering a forwarded request; in queue mode,
    /// `settled` says where the request now stands.
    public func completeForward(_ id: UInt64, with attempt: ForwardAttempt, settled: ForwardState? = nil) {
        let (record, sink) = state.withLockedValue { state in
            (state.forwards?.complete(id, with: attempt, settled: settled), state.forwardOutcomes)
        }
        observer?.forwarded(attempt)
        if let sink, let outcome = record.flatMap({ ForwardOutcome($0, after: attempt) }) { sink.settled(outcome) }
    }

    /// Tells `sink` where each journaled forwarded request stands after every attempt from now on.
    public func keepForwardOutcomes(in sink: any ForwardOutcomeSink) {
        state.withLockedValue { $0.forwardOutcomes = sink }
    }

    /// Begins another attempt at the request the event numbered `sequence` came in (`R` in the
    /// detail view): its forward record, or a new one when it has none or it is no longer kept.
    public func beginResend(of sequence: UInt64, method: String, target: String) -> UInt64 {
        state.withLockedValue { state in
            if let id = state.forwards?.record(of: sequence)?.id {
                state.forwards?.beginResend()
                return id
            }
            return state.forwards?.begin(sequences: nil, method: method, target: target, fingerprint: nil) ?? 0
        }
    }

    /// Queue mode: how many requests wait in the journal for the app, and since when the oldest.
    public func setForwardQueue(depth: Int, oldestSince: UnixTime?) {
        state.withLockedValue { $0.forwards?.setQueue(depth: depth, oldestSince: oldestSince) }
    }

    /// The forward record of the request the event numbered `sequence` came in, while kept.
    public func forwardRecord(of sequence: UInt64) -> ForwardRecord? {
        state.withLockedValue { $0.forwards?.record(of: sequence) }
    }

    /// Takes the notices received since the last call, oldest first (headless output; empty
    /// for a store without an outbox).
    public func drainNotices() -> [Notice] {
        state.withLockedValue { $0.notices.drain() }
    }

    /// Takes the forward attempts completed since the last call, oldest first (headless output).
    public func drainForwardUpdates() -> [ForwardRecordUpdate] {
        state.withLockedValue { $0.forwards?.drainCompleted() ?? [] }
    }

    /// Counts a refused request of which nothing is kept.
    public func recordRejection(_ reason: RejectionReason) {
        state.withLockedValue { $0.aggregates.addRejection(reason) }
        observer?.rejected(reason)
    }

    /// Counts a refused request and keeps it as the last of its reason.
    public func recordRejection(_ rejected: RejectedRequest) {
        state.withLockedValue { $0.addRejection(rejected) }
        observer?.rejected(rejected.reason)
    }

    /// Everything a reader needs for one frame, copied in O(1) apart from small dictionaries.
    /// - Parameter now: the moment stuck messages are counted at.
    public func snapshot(at now: UnixTime = .now()) -> StoreSnapshot {
        state.withLockedValue { state in
            StoreSnapshot(
                events: state.ring.window, capacity: state.ring.capacity, overwritten: state.ring.overwritten,
                aggregates: state.aggregates, rollups: state.rollups.detached(), outOfOrder: state.lifecycles.outOfOrder,
                duplicates: state.lifecycles.duplicates, messagesTracked: state.lifecycles.messageCount,
                messages: state.messages.funnel, startedAt: startedAt, forwards: state.forwards.map { ForwardView(summaries: $0.summaries, health: $0.health) },
                lastRejected: state.lastRejected, notices: state.notices.kept,
                stuck: state.messages.stuck(now: now, after: stuckAfterSeconds), messageStates: MessageStates(store: self))
        }
    }

    /// Sent→delivered and delivered→read over `window` up to `now`, overall and per WhatsApp
    /// number, from the message table.
    public func latencies(window: RateWindow, at now: UnixTime = .now()) -> DeliveryLatencies {
        state.withLockedValue { $0.messages.latencies(window: window, now: now) }
    }

    /// How the message with `key` stands at `now` in the message table, for `MessageStates`.
    func messageState(of key: MessageKey, at now: UnixTime) -> MessageState? {
        state.withLockedValue { $0.messages.state(of: key, at: now, stuckAfter: stuckAfterSeconds) }
    }

    /// The lifecycle of one message, while any of its events is still held.
    public func lifecycle(of id: String) -> MessageLifecycle? {
        state.withLockedValue { $0.lifecycles.lifecycle(of: id, in: $0.ring) }
    }

    /// The request an event came in, while it is among the newest `requestsKept`.
    public func request(of sequence: UInt64) -> RawRequest? {
        state.withLockedValue { $0.requests.request(of: sequence) }
    }

    /// Takes the accepted events queued since the last call, oldest first.
    public func drainOutbox() -> [CallbackEvent] {
        var events: [CallbackEvent] = []
        drainOutbox(into: &events)
        return events
    }

    /// Takes the accepted events queued since the last call, oldest first, into `events`
    /// (emptied first, outside the lock). The two arrays trade places: the caller's, empty
    /// but with its capacity, becomes the queue, so a steady reader allocates nothing.
    public func drainOutbox(into events: inout [CallbackEvent]) {
        events.removeAll(keepingCapacity: true)
        state.withLockedValue { state in state.outbox?.drain(into: &events) }
    }

    /// How many accepted events the outbox had no room for, in all: their lines were not printed.
    public var outboxLeftOut: Int {
        state.withLockedValue { $0.outbox?.leftOut ?? 0 }
    }

    public var acceptedCount: Int { state.withLockedValue { $0.aggregates.accepted } }
}

/// Something that follows the store's intake as it happens, such as the metrics exporter.
public protocol StoreObserver: Sendable {
    func accepted(_ event: CallbackEvent, completing latencies: LifecycleLatencies)
    func rejected(_ reason: RejectionReason)
    func tolerated(_ quirk: ParsingQuirk)
    func forwarded(_ attempt: ForwardAttempt)
}

/// Where a forwarded request's record is, and whether it is a provider's retry of one kept.
public struct ForwardStart: Sendable, Equatable {
    public let id: UInt64
    public let isRetry: Bool
}

/// The forwarding part of a snapshot: the app's health and each kept request's outcome.
public struct ForwardView: Sendable {
    public let summaries: Deque<ForwardSummary>
    public let health: ForwardHealth

    public init(summaries: Deque<ForwardSummary>, health: ForwardHealth) {
        self.summaries = summaries
        self.health = health
    }

    /// The outcome of the request the event numbered `sequence` came in, while kept.
    public func summary(of sequence: UInt64) -> ForwardSummary? {
        ForwardSummaries.index(of: sequence, in: summaries).map { summaries[$0] }
    }
}

/// A consistent, immutable picture of the store at one moment.
public struct StoreSnapshot: Sendable {
    public let events: EventWindow
    public let capacity: Int
    public let overwritten: UInt64
    public let aggregates: Aggregates
    /// Callbacks per status class over the last 5 minutes, hour and day, whatever the ring holds.
    public let rollups: RateRollups
    public let outOfOrder: Int
    public let duplicates: Int
    public let messagesTracked: Int
    /// Messages (not events) per class, from the message table.
    public let messages: MessageFunnel
    public let startedAt: UnixTime
    /// Nil when watop does not forward.
    public let forwards: ForwardView?
    /// The last refused request of each reason since start (none read back from the journal).
    public let lastRejected: [RejectionReason: RejectedRequest]
    /// The newest notices, oldest first (`Aggregates.notices` counts them all).
    public let notices: Deque<Notice>
    /// Messages silent in a pending status for longer than the store's `stuckAfterSeconds`.
    public let stuck: StuckMessages
    /// The live message table, for filters that judge an event by its message (`stuck:`);
    /// nil for a snapshot made without a store.
    public let messageStates: MessageStates?

    public init(
        events: EventWindow, capacity: Int, overwritten: UInt64, aggregates: Aggregates,
        rollups: RateRollups = RateRollups(), outOfOrder: Int,
        duplicates: Int, messagesTracked: Int, messages: MessageFunnel = MessageFunnel(), startedAt: UnixTime,
        forwards: ForwardView? = nil, lastRejected: [RejectionReason: RejectedRequest] = [:], notices: Deque<Notice> = [],
        stuck: StuckMessages = .none, messageStates: MessageStates? = nil
    ) {
        self.stuck = stuck
        self.messageStates = messageStates
        self.notices = notices
        self.events = events
        self.capacity = capacity
        self.overwritten = overwritten
        self.aggregates = aggregates
        self.rollups = rollups
        self.outOfOrder = outOfOrder
        self.duplicates = duplicates
        self.messagesTracked = messagesTracked
        self.messages = messages
        self.startedAt = startedAt
        self.forwards = forwards
        self.lastRejected = lastRejected
    }
}
