import WatopCore

/// What alert rules cost: recording events into a store whose observer keeps 20 rules' counters,
/// beside the same store with no rules; and one check of the 20 rules.
enum AlertBenchmark {
    static let rules = [
        "status:failed|undelivered share>5% over 5m min 50 for 2m", "status:failed share>10% over 1h",
        "code:131047 rate>2/min over 5m", "code:131049 rate>1/min over 10m", "code:131026 count>10 over 1m",
        "from:918000000001 status:failed count>5 over 1m", "to:9198* status:failed share>20% over 15m",
        "provider:meta status:failed share>5% over 5m", "format:kaleyra-v1 status:not-sent rate>5/min over 5m",
        "price>0.5 count>0 over 1h", "error:*limit* count>0 over 5m", "ref:campaign-7 status:failed share>5% over 30m",
        "status:read share<10% over 1h min 100", "rate<1/min over 10m", "status:sent count>1000 over 1m",
        "-status:read|delivered share>50% over 5m", "engagement count>0 over 5m", "silence>3m", "silence>30m",
        "rejected:bad-signature|unauthorized count>0 over 1m",
    ]

    /// Seconds per event recorded with the rules and without, and seconds for one check.
    static func run(events: [CallbackEvent], runs: Int) throws -> (withRules: Double, without: Double, check: Double) {
        let parsed = try rules.map { try AlertRule(parsing: $0) }
        let start = events.first?.receivedAt ?? UnixTime(seconds: 0)
        var monitor = AlertMonitor(rules: parsed, startedAt: start)
        let withRules = Measure.median(runs: runs) {
            monitor = AlertMonitor(rules: parsed, startedAt: start)
            let store = EventStore(capacity: events.count, startedAt: start, observer: monitor)
            for event in events { store.record(event) }
            consume(store)
        }
        let without = Measure.median(runs: runs) {
            let store = EventStore(capacity: events.count, startedAt: start)
            for event in events { store.record(event) }
            consume(store)
        }
        var second: Int64 = 0
        let check = Measure.median(runs: runs * 20) {
            second += 1
            consume(monitor.check(at: UnixTime(seconds: start.seconds + second)))
        }
        return (withRules / Double(events.count), without / Double(events.count), check)
    }
}
