import DequeModule

/// A fixed-capacity buffer of the most recent events; appending past capacity overwrites the oldest.
///
/// Events live in immutable, shared chunks plus one growing tail, so a reader's `window` is
/// a handful of reference copies (O(capacity / chunkSize)) taken in a short critical section,
/// and the writer never copies the whole buffer because a reader holds a window.
public struct EventRing: Sendable {
    public static let defaultCapacity = 100_000
    static let chunkSize = 1024

    public let capacity: Int
    private var sealed: Deque<EventChunk> = []
    private var tail: [CallbackEvent] = []
    /// Sequence number the next appended event gets; sequences start at 1.
    public private(set) var nextSequence: UInt64 = 1

    public init(capacity: Int = Self.defaultCapacity) {
        precondition(capacity > 0, "a ring needs room for at least one event")
        self.capacity = capacity
        tail.reserveCapacity(min(capacity, Self.chunkSize))
    }

    /// Events held now.
    public var count: Int { Int(min(UInt64(capacity), appended)) }
    /// Events ever appended.
    public var appended: UInt64 { nextSequence - 1 }
    /// Events pushed out by newer ones.
    public var overwritten: UInt64 { appended - UInt64(count) }
    /// Sequence of the oldest event still held.
    public var oldestSequence: UInt64 { nextSequence - UInt64(count) }

    /// Appends in O(1) amortised and stamps `event` with its sequence number; when full, the
    /// oldest event is no longer held.
    public mutating func append(_ event: inout CallbackEvent) {
        event.sequence = nextSequence
        tail.append(event)
        nextSequence += 1
        if tail.count == Self.chunkSize {
            sealed.append(EventChunk(firstSequence: nextSequence - UInt64(Self.chunkSize), events: tail))
            tail = []
            tail.reserveCapacity(Self.chunkSize)
        }
        // Drop the oldest chunk once none of its events is still held.
        while let first = sealed.first, first.firstSequence + UInt64(Self.chunkSize) <= oldestSequence {
            sealed.removeFirst()
        }
    }

    /// The event with this sequence number, if it is still held.
    public func event(at sequence: UInt64) -> CallbackEvent? {
        guard sequence >= oldestSequence, sequence < nextSequence else { return nil }
        return EventChunk.locate(sequence, sealed: sealed, tail: tail)
    }

    /// A consistent, immutable view of the events held now. O(1): it shares the chunks.
    public var window: EventWindow {
        EventWindow(sealed: sealed, tail: tail, oldestSequence: oldestSequence, nextSequence: nextSequence)
    }
}

/// A block of `EventRing.chunkSize` consecutive events, never mutated once built.
final class EventChunk: Sendable {
    let firstSequence: UInt64
    let events: [CallbackEvent]
    /// Each event's status code, side by side: a filter on status scans these bytes and reads
    /// only the events they admit.
    let statusCodes: [StatusCode]

    init(firstSequence: UInt64, events: [CallbackEvent]) {
        self.firstSequence = firstSequence
        self.events = events
        statusCodes = events.map(\.statusCode)
    }

    /// Finds a held event by sequence number among full chunks and the tail.
    static func locate(_ sequence: UInt64, sealed: Deque<EventChunk>, tail: [CallbackEvent]) -> CallbackEvent? {
        storage(of: sequence, sealed: sealed, tail: tail).map { $0.events[$0.index] }
    }

    /// The array holding an event (a chunk's or the tail) and its index there.
    static func storage(of sequence: UInt64, sealed: Deque<EventChunk>, tail: [CallbackEvent])
        -> (events: [CallbackEvent], index: Int)?
    {
        if let firstTail = tail.first?.sequence, sequence >= firstTail {
            let index = Int(sequence - firstTail)
            return index < tail.count ? (tail, index) : nil
        }
        guard let firstChunk = sealed.first, sequence >= firstChunk.firstSequence else { return nil }
        let offset = Int(sequence - firstChunk.firstSequence)
        return (sealed[offset / EventRing.chunkSize].events, offset % EventRing.chunkSize)
    }
}

/// An immutable view of a ring's events at one moment, addressed by sequence number.
public struct EventWindow: Sendable {
    fileprivate let sealed: Deque<EventChunk>
    fileprivate let tail: [CallbackEvent]
    /// Sequence of the oldest event in the window.
    public let oldestSequence: UInt64
    /// One past the newest event's sequence.
    public let nextSequence: UInt64

    public static let empty = EventWindow(sealed: [], tail: [], oldestSequence: 1, nextSequence: 1)

    public var count: Int { Int(nextSequence - oldestSequence) }
    public var isEmpty: Bool { count == 0 }
    public var newestSequence: UInt64? { isEmpty ? nil : nextSequence - 1 }

    public func contains(sequence: UInt64) -> Bool { sequence >= oldestSequence && sequence < nextSequence }

    public func event(at sequence: UInt64) -> CallbackEvent? {
        guard contains(sequence: sequence) else { return nil }
        return EventChunk.locate(sequence, sealed: sealed, tail: tail)
    }

    /// Calls `body` for each held event with a sequence in `range`, oldest first, lent in place
    /// (see `forEachNewestFirst`): each chunk's part of the range is walked in one go.
    public func forEach(in range: Range<UInt64>, _ body: (borrowing CallbackEvent) -> Void) {
        var sequence = max(range.lowerBound, oldestSequence)
        let end = min(range.upperBound, nextSequence)
        while sequence < end, let (events, start) = EventChunk.storage(of: sequence, sealed: sealed, tail: tail) {
            let stop = min(events.count, start + Int(end - sequence))
            events.withUnsafeBufferPointer { buffer in
                for index in start..<stop { buffer.lend(index, to: body) }
            }
            sequence += UInt64(stop - start)
        }
    }

    /// Calls `body` for every event from newest to oldest until it returns false.
    ///
    /// Events are lent to `body` straight from the chunks' storage: iterating the arrays
    /// would copy each event, retaining and releasing its dozen strings, which costs more
    /// than the filtering itself over a million events.
    public func forEachNewestFirst(_ body: (borrowing CallbackEvent) throws -> Bool) rethrows {
        if try !Self.visitNewestFirst(tail, from: oldestSequence, body) { return }
        for chunk in sealed.reversed() {
            if try !Self.visitNewestFirst(chunk.events, from: oldestSequence, body) { return }
        }
    }

    /// Calls `body` for every event from oldest to newest.
    public func forEachOldestFirst(_ body: (borrowing CallbackEvent) throws -> Void) rethrows {
        for chunk in sealed { try Self.visitOldestFirst(chunk.events, from: oldestSequence, body) }
        try Self.visitOldestFirst(tail, from: oldestSequence, body)
    }

    /// Calls `body` for every event whose status is in `statuses`, oldest first. Events of
    /// other statuses are passed over by a byte in each chunk's status column, without being
    /// read: walking a million events costs a copy of each one lent to `body`.
    func forEachOldestFirst(withStatusIn statuses: StatusSet, _ body: (borrowing CallbackEvent) -> Void) {
        for chunk in sealed {
            let start = Int(oldestSequence > chunk.firstSequence ? oldestSequence - chunk.firstSequence : 0)
            chunk.statusCodes.withUnsafeBufferPointer { codes in
                chunk.events.withUnsafeBufferPointer { events in
                    for index in start..<codes.count where statuses.contains(codes[index]) { events.lend(index, to: body) }
                }
            }
        }
        Self.visitOldestFirst(tail, from: oldestSequence) { event in
            if statuses.contains(event.statusCode) { body(event) }
        }
    }

    private static func visitOldestFirst(
        _ events: [CallbackEvent], from oldest: UInt64, _ body: (borrowing CallbackEvent) throws -> Void
    ) rethrows {
        try events.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].sequence >= oldest { try buffer.lend(index, to: body) }
        }
    }

    private static func visitNewestFirst(
        _ events: [CallbackEvent], from oldest: UInt64, _ body: (borrowing CallbackEvent) throws -> Bool
    ) rethrows -> Bool {
        try events.withUnsafeBufferPointer { buffer in
            for index in buffer.indices.reversed() where buffer[index].sequence >= oldest {
                if try !buffer.lend(index, to: body) { return false }
            }
            return true
        }
    }
}
