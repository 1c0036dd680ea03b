import WatopCore

/// What recording an accepted event costs the intake, parsing aside: each event of a new
/// message (the most work: a message entry and its breakdown groups), and the same events
/// again as later callbacks of messages already held.
enum RecordBenchmark {
    /// Nanoseconds per event: new messages, then callbacks of known ones.
    static func run(events: [CallbackEvent], runs: Int) -> (newMessage: Double, knownMessage: Double) {
        let start = events.first?.receivedAt ?? UnixTime(seconds: 0)
        var stores: [EventStore] = []
        let newMessage = Measure.median(runs: runs) {
            let store = EventStore(capacity: events.count, startedAt: start)
            for event in events { store.record(event) }
            stores.append(store)
        }
        let knownMessage = Measure.median(runs: runs) {
            let store = stores.removeLast()
            for event in events { store.record(event) }
            consume(store)
        }
        return (newMessage * 1e9 / Double(events.count), knownMessage * 1e9 / Double(events.count))
    }
}
