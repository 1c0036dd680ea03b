import WatopCore
import WatopSimulator

/// `--demo`: the traffic simulator aimed at watop's own listener, over real HTTP on loopback.
enum DemoTraffic {
    static func start(to callbackURL: String, rate: Double, seed: UInt64, formats: [CallbackFormat]) -> Task<Void, Never>? {
        guard let url = try? CallbackURL(parsing: callbackURL) else { return nil }
        var profile = TrafficProfile()
        profile.seed = seed
        profile.formats = formats
        profile.recipients = 2000
        let simulation = Simulation(
            url: url, profile: profile, callbacksPerSecond: rate, limit: .endless, connections: 2)
        return Task { _ = try? await simulation.run() }
    }
}
