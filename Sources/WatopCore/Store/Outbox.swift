/// Accepted events waiting for the headless printer, oldest first.
///
/// Bounded: a printer whose stdout stalls (a pipe nobody reads, a terminal scrolled back, a
/// consumer slower than the callbacks) would otherwise keep every event accepted meanwhile, and
/// memory would grow until the system killed watop. Past `limit` waiting events, new ones are
/// only counted: they are still in the ring, the totals, `/metrics` and the journal, but their
/// lines are not printed.
struct Outbox {
    let limit: Int
    private var events: [CallbackEvent] = []
    /// Events not queued, the queue being full, in all.
    private(set) var leftOut = 0

    init(limit: Int) {
        precondition(limit >= 1, "an outbox must have room for an event")
        self.limit = limit
    }

    mutating func append(_ event: CallbackEvent) {
        if events.count < limit {
            events.append(event)
        } else {
            leftOut += 1
        }
    }

    /// Trades the queued events for `other`, which must be empty: its capacity becomes the
    /// queue's, so a steady reader allocates nothing.
    mutating func drain(into other: inout [CallbackEvent]) {
        swap(&events, &other)
    }
}
