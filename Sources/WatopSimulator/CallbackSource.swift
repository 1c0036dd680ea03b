import WatopCore

/// Hands out simulated callbacks to the connections in order, paced to the requested rate,
/// and keeps the running totals for progress lines. The one owner of the traffic model.
actor CallbackSource {
    private var model: TrafficModel
    private let interval: Duration?
    private let limit: Simulation.Limit
    nonisolated let start = ContinuousClock.now
    private var handedOut = 0
    private(set) var progress = SimulationReport()
    private(set) var statusesSent: [String: Int] = [:]

    init(model: TrafficModel, callbacksPerSecond: Double?, limit: Simulation.Limit) {
        self.model = model
        interval = callbacksPerSecond.map { .nanoseconds(Int64(1e9 / max($0, 0.001))) }
        self.limit = limit
    }

    /// The next callback, after waiting for its slot when a rate is set; nil when done.
    func next() async -> SimulatedCallback? {
        switch limit {
        case .count(let count) where handedOut >= count: return nil
        case .seconds(let seconds) where start.duration(to: .now) >= .milliseconds(Int64(seconds * 1000)):
            return nil
        case .count, .seconds, .endless: break
        }
        if Task.isCancelled { return nil }
        let slot = handedOut
        handedOut += 1
        let callback = model.next()
        if let status = callback.value(of: .status) { statusesSent[status, default: 0] += 1 }
        if let interval {
            try? await Task.sleep(until: start.advanced(by: interval * slot), clock: .continuous)
        }
        return callback
    }

    func recordAnswer(_ status: Int) {
        progress.sent += 1
        progress.answered[status, default: 0] += 1
    }

    func recordFailure() {
        progress.sent += 1
        progress.failures += 1
    }
}
