import WatopCore
import WatopSimulator

/// `--demo`: the traffic simulator aimed at watop's own listener, over real HTTP on loopback.
enum DemoTraffic {
    static func start(to callbackURL: String, profile: TrafficProfile, callbacksPerSecond: Double?) -> Task<Void, Never>? {
        guard let url = try? CallbackURL(parsing: callbackURL) else { return nil }
        let simulation = Simulation(
            url: url, profile: profile, callbacksPerSecond: callbacksPerSecond, limit: .endless, connections: 2)
        return Task { _ = try? await simulation.run() }
    }
}
