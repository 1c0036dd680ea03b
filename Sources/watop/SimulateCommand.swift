import ArgumentParser
import WatopCore
import WatopSimulator

/// `watop simulate`: realistic WhatsApp status callback traffic over real HTTP, in the format of
/// Kaleyra, Meta or Twilio, for trying watop out and for load tests.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Send realistic WhatsApp status callback traffic to a receiver over HTTP.",
        discussion: """
            Each simulated message goes through a lifecycle (sent → delivered → read, or a failure with a \
            real error code of its provider, or never passed on) with realistic delays, occasional \
            out-of-order and duplicate callbacks, and prices on a share of delivered Kaleyra v1 callbacks. \
            A Meta webhook may carry several statuses of one number, and now and then a customer's message, \
            so the summary counts events as well as requests. Without --count or --duration it runs until \
            interrupted.
            """
    )

    @Option(help: "The receiver's callback URL.")
    var url = "http://127.0.0.1:8080/callback"

    @Option(help: "Stop after this many seconds.")
    var duration: Double?

    @Option(help: "Stop after this many callbacks (HTTP requests).")
    var count: Int?

    @OptionGroup(title: "Traffic")
    var traffic: TrafficOptions

    @Option(help: "Keep-alive connections to use.")
    var connections = 4

    func validate() throws {
        _ = try parsedURL()
        if duration != nil, count != nil { throw ValidationError("give --duration or --count, not both") }
        if let duration, !(duration > 0 && duration < 1e9) {
            throw ValidationError("--duration \(duration) must be above 0 seconds")
        }
        if let count, count < 1 { throw ValidationError("--count \(count) must be at least 1") }
        guard (1...256).contains(connections) else {
            throw ValidationError("--connections \(connections) must be 1–256")
        }
    }

    func run() async throws {
        let limit: Simulation.Limit = count.map { .count($0) } ?? duration.map { .seconds($0) } ?? .endless
        let simulation = Simulation(
            url: try parsedURL(), profile: traffic.profile(.simulate),
            callbacksPerSecond: try traffic.callbacksPerSecond(.simulate), limit: limit, connections: connections)
        StandardStreams.writeError("simulating \(traffic.formatChoice(.simulate).name) callbacks to \(simulation.url)\n")
        let running = Task {
            try await simulation.run { StandardStreams.writeError($0.progressLine + "\n") }
        }
        let interrupt = Task {
            _ = await TerminationSignals.next()
            running.cancel()
        }
        let report: SimulationReport
        do {
            report = try await running.value
        } catch let error as SimulationError {
            interrupt.cancel()
            throw CommandFailure(message: error.description)
        }
        interrupt.cancel()
        StandardStreams.writeOutput(report.summary + "\n")
        if report.failures > 0 { throw ExitCode(1) }
    }

    private func parsedURL() throws -> CallbackURL {
        do {
            return try CallbackURL(parsing: url)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
