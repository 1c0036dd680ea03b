import WatopCore

/// Hands out simulated requests to the connections in order, paced to the requested rate,
/// and keeps the running totals for progress lines. The one owner of the traffic model.
actor CallbackSource {
    private var model: TrafficModel
    private let interval: Duration?
    private let limit: Simulation.Limit
    nonisolated let start = ContinuousClock.now
    private var handedOut = 0
    private(set) var progress = SimulationReport()
    /// What the requests handed out carry, by status and by format.
    private(set) var statusesSent: [String: Int] = [:]
    private(set) var formatsSent: [CallbackFormat: Int] = [:]

    init(model: TrafficModel, callbacksPerSecond: Double?, limit: Simulation.Limit) {
        self.model = model
        interval = callbacksPerSecond.map { .nanoseconds(Int64(1e9 / max($0, 0.001))) }
        self.limit = limit
    }

    /// The next request, after waiting for its slot when a rate is set; nil when done.
    func next() async -> SimulatedRequest? {
        switch limit {
        case .count(let count) where handedOut >= count: return nil
        case .seconds(let seconds) where start.duration(to: .now) >= .milliseconds(Int64(seconds * 1000)):
            return nil
        case .count, .seconds, .endless: break
        }
        if Task.isCancelled { return nil }
        let slot = handedOut
        handedOut += 1
        let request = model.next()
        for event in request.events { statusesSent[event.status, default: 0] += 1 }
        formatsSent[request.format, default: 0] += request.events.count
        if let interval {
            try? await Task.sleep(until: start.advanced(by: interval * slot), clock: .continuous)
        }
        return request
    }

    func recordAnswer(_ status: Int, events: Int) { progress.recordAnswer(status, events: events) }

    func recordFailure(events: Int) { progress.recordFailure(events: events) }
}
