/// The events of a window that a filter admits, with their totals, kept up to date
/// incrementally: moving to a newer window of the same ring only tests the events that
/// arrived and takes back those that were overwritten.
///
/// With the empty filter no list of matches is kept (every event matches), so following
/// the live stream costs only the totals. A filter that asks what the app made of a request
/// (`fwd:`) is tested afresh against every held event at each update, since outcomes change
/// after their events arrive: with the default buffer that is a few milliseconds a frame. A
/// filter that asks how an event's message stands (`stuck:`, `age:`) looks each tested event's
/// message up in the store's message table, as of the moment the filter was compiled.
public struct FilteredEvents: Sendable {
    public let filter: EventFilter
    /// The window the matches describe; also where overwritten events are read back from.
    public private(set) var window: EventWindow
    /// The outcomes of forwarded requests, which `fwd:` terms test.
    private var forwards: ForwardView?
    /// The message table, which `stuck:` and `age:` terms read.
    private let messages: MessageStates?
    /// Sequences of matching events, oldest first, from `firstHeld` on (a non-empty filter only).
    private var matches: [UInt64] = []
    private var firstHeld = 0
    public private(set) var tallies: FilteredTallies
    /// The rows the totals' tables may hold.
    private let bounds: TableBounds
    /// Whether the matches' messages are grouped for the Breakdown panel (a non-empty filter
    /// only). Grouping costs a message look-up per match, so it is done only while the panel
    /// is wanted.
    public let groupsBreakdown: Bool
    /// The matches per bucket for the Rates chart (a non-empty filter only: unfiltered, the
    /// store's own rollups say more, since they outlive the ring).
    public private(set) var rollups = RateRollups()

    /// Tests every event of `window` once. With `groupsBreakdown`, a non-empty filter's matches
    /// are also grouped by message for the Breakdown panel (without a filter, the message table
    /// has them all).
    public init(
        filter: EventFilter, window: EventWindow, forwards: ForwardView? = nil, messages: MessageStates? = nil,
        bounds: TableBounds = TableBounds(), groupsBreakdown: Bool = false
    ) {
        self.filter = filter
        self.messages = messages
        self.bounds = bounds
        self.groupsBreakdown = groupsBreakdown
        tallies = FilteredTallies(bounds: bounds, groupsMessages: groupsBreakdown && !filter.isEmpty)
        self.window = .empty
        self.forwards = forwards
        update(to: window, forwards: forwards)
    }

    /// Moves to a newer window of the same ring.
    public mutating func update(to newWindow: EventWindow, forwards newForwards: ForwardView? = nil) {
        guard newWindow.nextSequence >= window.nextSequence, !filter.testsForwarding || window.count == 0 else {
            self = FilteredEvents(
                filter: filter, window: newWindow, forwards: newForwards, messages: messages, bounds: bounds,
                groupsBreakdown: groupsBreakdown)
            return
        }
        forwards = newForwards
        forgetEvents(before: newWindow.oldestSequence)
        let first = max(window.nextSequence, newWindow.oldestSequence)
        if first == newWindow.oldestSequence {
            // Every held event is new (a new filter): walk the chunks in order, which is much
            // cheaper than looking each sequence up.
            if let statuses = filter.statuses {
                newWindow.forEachOldestFirst(withStatusIn: statuses) { admit($0) }
            } else {
                newWindow.forEachOldestFirst { admit($0) }
            }
        } else {
            newWindow.forEach(in: first..<newWindow.nextSequence) { admit($0) }
        }
        window = newWindow
    }

    private mutating func admit(_ event: borrowing CallbackEvent) {
        let forward = filter.testsForwarding ? forwards?.summary(of: event.sequence) : nil
        let message = filter.testsMessages ? messages?.state(of: event, at: filter.now) : nil
        guard filter.matches(event, forward: forward, message: message) else { return }
        if !filter.isEmpty {
            matches.append(event.sequence)
            rollups.record(event)
        }
        tallies.add(event)
    }

    private mutating func forgetEvents(before oldest: UInt64) {
        let end = min(oldest, window.nextSequence)
        if filter.isEmpty {
            window.forEach(in: window.oldestSequence..<max(end, window.oldestSequence)) { tallies.remove($0) }
            return
        }
        while firstHeld < matches.count, matches[firstHeld] < oldest {
            window.forEach(in: matches[firstHeld]..<(matches[firstHeld] + 1)) {
                tallies.remove($0)
                rollups.remove($0)
            }
            firstHeld += 1
        }
        // Compact now and then rather than shifting the array on every overwrite.
        if firstHeld > 4096, firstHeld * 2 > matches.count {
            matches.removeFirst(firstHeld)
            firstHeld = 0
        }
    }

    /// How many events match.
    public var count: Int { filter.isEmpty ? window.count : matches.count - firstHeld }

    /// The sequence shown at `row`, counting from the newest match (row 0).
    public func sequence(atRow row: Int) -> UInt64? {
        guard row >= 0, row < count else { return nil }
        return filter.isEmpty ? window.nextSequence - 1 - UInt64(row) : matches[matches.count - 1 - row]
    }

    /// The row of the match with this sequence, newest first; nil when it is not a held match.
    public func row(of sequence: UInt64) -> Int? {
        if filter.isEmpty {
            return window.contains(sequence: sequence) ? Int(window.nextSequence - 1 - sequence) : nil
        }
        var low = firstHeld
        var high = matches.count
        while low < high {
            let middle = (low + high) / 2
            if matches[middle] < sequence { low = middle + 1 } else { high = middle }
        }
        guard low < matches.count, matches[low] == sequence else { return nil }
        return matches.count - 1 - low
    }

    /// The matching event at `row`, newest first.
    public func event(atRow row: Int) -> CallbackEvent? {
        sequence(atRow: row).flatMap(window.event(at:))
    }
}
