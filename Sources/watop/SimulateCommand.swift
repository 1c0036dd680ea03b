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

    @Option(help: "Callbacks (HTTP requests) per second, e.g. 200 or 200/s; 0 sends as fast as the receiver answers.")
    var rate = "50/s"

    @Option(help: "Stop after this many seconds.")
    var duration: Double?

    @Option(help: "Stop after this many callbacks (HTTP requests).")
    var count: Int?

    @Option(help: "Payload format; mixed gives each message one of the four providers' formats.")
    var format = FormatChoice(.kaleyraV1)

    @Option(help: "How kaleyra-v1 callbacks are sent: get (query), post (JSON body) or mixed.")
    var method: TrafficProfile.Method = .mixed

    @Option(help: "Distinct sending WhatsApp numbers.")
    var numbers = 3

    @Option(help: "Distinct recipients.")
    var recipients = 500

    @Option(name: .customLong("failure-rate"), help: "Share of messages that fail, 0 to 1.")
    var failureRate = 0.08

    @Option(help: "Seed for the traffic; the same seed sends the same callbacks.")
    var seed: UInt64 = 1

    @Option(help: "Keep-alive connections to use.")
    var connections = 4

    func validate() throws {
        _ = try parsedRate()
        _ = try parsedURL()
        if duration != nil, count != nil { throw ValidationError("give --duration or --count, not both") }
        if let duration, !(duration > 0 && duration < 1e9) {
            throw ValidationError("--duration \(duration) must be above 0 seconds")
        }
        if let count, count < 1 { throw ValidationError("--count \(count) must be at least 1") }
        guard (1...1000).contains(numbers) else { throw ValidationError("--numbers \(numbers) must be 1–1000") }
        guard recipients >= 1 else { throw ValidationError("--recipients \(recipients) must be at least 1") }
        guard (0...1).contains(failureRate) else {
            throw ValidationError("--failure-rate \(failureRate) must be between 0 and 1")
        }
        guard (1...256).contains(connections) else {
            throw ValidationError("--connections \(connections) must be 1–256")
        }
    }

    func run() async throws {
        var profile = TrafficProfile()
        profile.formats = format.formats
        profile.method = method
        profile.senders = numbers
        profile.recipients = recipients
        profile.failureRate = failureRate
        profile.notSentRate = min(profile.notSentRate, 1 - failureRate)
        profile.seed = seed
        let limit: Simulation.Limit = count.map { .count($0) } ?? duration.map { .seconds($0) } ?? .endless
        let simulation = Simulation(
            url: try parsedURL(), profile: profile, callbacksPerSecond: try parsedRate(), limit: limit,
            connections: connections)
        StandardStreams.writeError("simulating \(format.name) callbacks to \(simulation.url)\n")
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

    private func parsedRate() throws -> Double? {
        let number = rate.hasSuffix("/s") ? String(rate.dropLast(2)) : rate
        guard let value = Double(number), value >= 0, value.isFinite else {
            throw ValidationError("--rate '\(rate)' is not a number of callbacks per second (e.g. 200 or 200/s)")
        }
        return value == 0 ? nil : value
    }

    private func parsedURL() throws -> CallbackURL {
        do {
            return try CallbackURL(parsing: url)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

extension TrafficProfile.Method: ExpressibleByArgument {}

/// `--format`: one provider's format, or `mixed` for all of them.
struct FormatChoice: ExpressibleByArgument {
    static let mixed = "mixed"

    let formats: [CallbackFormat]
    /// As given: a format's name, or `mixed`.
    let name: String

    init(_ format: CallbackFormat) {
        formats = [format]
        name = format.rawValue
    }

    /// `mixed`: every format, each message in one of them.
    static let allFormats = FormatChoice(argument: mixed)!

    init?(argument: String) {
        if argument == Self.mixed {
            formats = CallbackFormat.allCases
        } else if let format = CallbackFormat(rawValue: argument) {
            formats = [format]
        } else {
            return nil
        }
        name = argument
    }

    static var allValueStrings: [String] { CallbackFormat.allCases.map(\.rawValue) + [mixed] }

    var defaultValueDescription: String { name }
}
