import DequeModule
import NIOCore

/// Which journaled request queue mode sends next, decided without a socket or a clock of its
/// own: arrival order per message (a message's `read` never overtakes its `delivered`), several
/// messages in flight at once, and one pause for the whole app while it fails, so that a down
/// app gets one probe per backoff instead of a retry storm, and a retried request keeps its
/// place in the order.
struct DeliverySchedule<Item: Sendable>: Sendable {
    /// A request waiting to be sent, by its journal offset.
    struct Waiting {
        var offset: Int64
        /// Requests of one message are sent one at a time, in order; nil: no order to keep.
        var messageID: String?
        var item: Item
        var attempts = 0
    }

    private(set) var waiting = Deque<Waiting>()
    private var busyMessages: Set<String> = []
    private(set) var inFlight = 0
    let maximumInFlight: Int
    /// Attempts in a row that failed in a way worth retrying; 0 while the app takes requests.
    private(set) var consecutiveFailures = 0
    /// No request is sent before this, after a failure.
    private(set) var pausedUntil: NIODeadline?

    static var firstBackoff: TimeAmount { .milliseconds(250) }
    static var longestBackoff: TimeAmount { .seconds(30) }

    init(maximumInFlight: Int) {
        precondition(maximumInFlight > 0, "at least one request must be allowed in flight")
        self.maximumInFlight = maximumInFlight
    }

    /// Adds a request read from the journal; they come in offset order.
    mutating func add(_ waiting: Waiting) {
        self.waiting.append(waiting)
    }

    /// The next request to send now, taken out of the waiting ones; nil when none may go.
    /// While the app fails, one request at a time probes it once the pause is over.
    mutating func next(now: NIODeadline) -> Waiting? {
        if let pausedUntil, now < pausedUntil { return nil }
        let limit = consecutiveFailures > 0 ? 1 : maximumInFlight
        guard inFlight < limit else { return nil }
        guard let index = waiting.firstIndex(where: { $0.messageID.map { !busyMessages.contains($0) } ?? true }) else {
            return nil
        }
        let taken = waiting.remove(at: index)
        if let message = taken.messageID { busyMessages.insert(message) }
        inFlight += 1
        return taken
    }

    /// The request was delivered, or set aside for good: its message may go on.
    mutating func finished(_ done: Waiting) {
        release(done)
        consecutiveFailures = 0
        pausedUntil = nil
    }

    /// The attempt failed in a way worth retrying (no answer, 5xx, 429): the request goes back
    /// to its place and the whole app is left alone for a while, longer after each failure,
    /// with jitter so that several watops do not retry in step.
    mutating func failed(_ attempt: Waiting, now: NIODeadline, jitter: Double) {
        release(attempt)
        var again = attempt
        again.attempts += 1
        let place = waiting.firstIndex { $0.offset > again.offset } ?? waiting.endIndex
        waiting.insert(again, at: place)
        consecutiveFailures += 1
        let doubled = Self.firstBackoff.nanoseconds << min(consecutiveFailures - 1, 20)
        let backoff = min(doubled, Self.longestBackoff.nanoseconds)
        pausedUntil = now + .nanoseconds(Int64(Double(backoff) * (0.5 + 0.5 * min(max(jitter, 0), 1))))
    }

    private mutating func release(_ done: Waiting) {
        inFlight -= 1
        if let message = done.messageID { busyMessages.remove(message) }
    }

    /// The offset below which every request has been delivered or set aside, given where
    /// reading the journal has got to.
    func settledBelow(readOffset: Int64, inFlightOffsets: some Sequence<Int64>) -> Int64 {
        min(waiting.first?.offset ?? readOffset, inFlightOffsets.min() ?? readOffset)
    }
}
