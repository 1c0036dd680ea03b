import ArgumentParser
import Logging
import WatopCore
import WatopServer
import WatopTerminal
import WatopTransport

/// Listens for callbacks and shows them: the dashboard, or JSON lines with `--headless`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Listen for callbacks and show them live (the default command)."
    )

    @Option(help: "Address to listen on. Keep the loopback default behind a tunnel or reverse proxy.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port and prints it. (default: 8080, or 0 with --demo)")
    var port: Int?

    @Option(help: "The callback path to give Kaleyra.")
    var path = ListenerConfiguration.defaultPath

    @Option(name: .customLong("buffer"), help: "How many recent events to keep in memory.")
    var bufferCapacity = EventRing.defaultCapacity

    @Option(
        name: .customLong("messages"),
        help: "How many messages to follow (about 72 bytes each); past that, the one idle the longest is let go.")
    var messagesKept = EventStore.defaultMessagesKept

    @OptionGroup var rawBuffer: RawBufferOption

    @Option(name: .customLong("max-body"), help: "Largest request body accepted, in bytes; larger gets 413.")
    var maximumBodyBytes = ListenerConfiguration.defaultMaximumBodyBytes

    @Option(
        name: .customLong("body-budget"),
        help: "Bytes that bodies arriving on all connections may hold at once; past it, 503 (the provider retries).")
    var bodyBudgetBytes = BodyBudget.defaultLimit

    @Option(name: .customLong("idle-timeout"), help: "Seconds after which a silent connection is closed.")
    var idleTimeoutSeconds = 60

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take to arrive in full (slow clients get 408).")
    var requestTimeoutSeconds = 10

    @Option(help: "Event-loop threads for the listener (default: one per core but one, at least one).")
    var threads: Int?

    @Option(help: "Dashboard frames per second.")
    var fps = 10

    @Flag(help: "No dashboard: print each accepted event as a JSON line on stdout, a summary on exit.")
    var headless = false

    @Option(
        name: .customLong("output-backlog"),
        help: "With --headless: accepted events that may wait for a slow stdout; past that their lines are counted, not printed.")
    var outputBacklog = EventStore.defaultOutboxLimit

    @Option(help: "Dashboard theme: a name from `watop themes`, or the path of a theme file.")
    var theme = "default"

    @Flag(help: "Feed the dashboard with simulated callback traffic sent to its own listener over HTTP.")
    var demo = false

    @Option(name: .customLong("demo-rate"), help: "Callbacks per second in --demo.")
    var demoRate = 40.0

    @Option(help: "Seed of the --demo traffic; the same seed replays the same callbacks.")
    var seed: UInt64 = 1

    @Option(name: .customLong("demo-format"), help: "Payload format of the --demo traffic; mixed uses all four.")
    var demoFormat = FormatChoice.allFormats

    @OptionGroup(title: "Access")
    var access: AccessOptions

    @OptionGroup(title: "Journal")
    var journalOptions: JournalOptions

    @OptionGroup(title: "Providers")
    var providers: ProviderOptions

    @OptionGroup(title: "Forwarding")
    var forward: ForwardOptions

    @OptionGroup(title: "HTTPS")
    var tls: TLSOptions

    @Option(
        name: .customLong("metrics-max-numbers"),
        help: "Sending numbers that get their own series in /metrics; the rest are counted as 'other'.")
    var metricsMaximumNumbers = CallbackMetrics.defaultMaximumNumbers

    func validate() throws {
        if let port, !(0...65_535).contains(port) {
            throw ValidationError("--port \(port) is outside 0–65535")
        }
        guard path.hasPrefix("/"), !path.contains("?"), !path.contains("#"), path != "/healthz", path != "/metrics" else {
            throw ValidationError("--path '\(path)' must start with '/', hold no '?' or '#', and not be /healthz or /metrics")
        }
        guard (0...10_000).contains(metricsMaximumNumbers) else {
            throw ValidationError("--metrics-max-numbers \(metricsMaximumNumbers) must be between 0 and 10000")
        }
        guard (1...50_000_000).contains(bufferCapacity) else {
            throw ValidationError("--buffer \(bufferCapacity) must be between 1 and 50000000 events")
        }
        guard (1...100_000_000).contains(messagesKept) else {
            throw ValidationError("--messages \(messagesKept) must be between 1 and 100000000 messages")
        }
        guard (1...(64 << 20)).contains(maximumBodyBytes) else {
            throw ValidationError("--max-body \(maximumBodyBytes) must be between 1 and 67108864 bytes")
        }
        guard bodyBudgetBytes >= maximumBodyBytes, bodyBudgetBytes <= (1 << 40) else {
            throw ValidationError("--body-budget \(bodyBudgetBytes) must be at least --max-body (\(maximumBodyBytes)) and at most 1 TiB")
        }
        guard requestTimeoutSeconds >= 1 else {
            throw ValidationError("--request-timeout \(requestTimeoutSeconds) must be at least 1 second")
        }
        guard idleTimeoutSeconds >= 1 else {
            throw ValidationError("--idle-timeout \(idleTimeoutSeconds) must be at least 1 second")
        }
        if let threads, !(1...64).contains(threads) {
            throw ValidationError("--threads \(threads) must be between 1 and 64")
        }
        guard (1...50_000_000).contains(outputBacklog) else {
            throw ValidationError("--output-backlog \(outputBacklog) must be between 1 and 50000000 events")
        }
        guard (1...60).contains(fps) else { throw ValidationError("--fps \(fps) must be between 1 and 60") }
        if forward.mode == .queue, journalOptions.journal == nil {
            throw ValidationError("--forward-mode queue needs --journal FILE: the journal holds what the app has not had yet")
        }
        guard demoRate > 0, demoRate <= 100_000 else {
            throw ValidationError("--demo-rate \(demoRate) must be above 0 and at most 100000")
        }
    }

    func run() async throws {
        // Every secret and file is read here, once, before anything starts: one that can't be
        // read stops the start instead of leaving a check off.
        var configuration = try listenerConfiguration()
        if !headless, !StandardStreams.outputIsTerminal {
            StandardStreams.writeError(
                "watop: stdout is not a terminal, so the dashboard cannot be drawn.\n"
                    + "Run `watop --headless` to print each callback as a JSON line instead.\n")
            throw ExitCode(2)
        }
        // Log lines would scribble over the dashboard; it shows what they would say.
        let logsToStandardError = headless
        LoggingSystem.bootstrap { label in
            logsToStandardError ? StandardErrorLogHandler(label: label) : SwiftLogNoOpLogHandler() as any LogHandler
        }
        let logger = Logger(label: "watop")
        let themeChoice = ThemeChoice(requested: theme).resolve()
        if !headless, let problem = themeChoice.problem { StandardStreams.writeError("watop: \(problem)\n") }
        let startedAt = UnixTime.now()
        let metrics = CallbackMetrics(maximumNumbers: metricsMaximumNumbers, startedAt: startedAt)
        let store = EventStore(
            capacity: bufferCapacity, messagesKept: messagesKept, requestsKept: rawBuffer.requestsKept, requestBytesKept: rawBuffer.bytesKept, outboxLimit: headless ? outputBacklog : nil,
            forwardRecordsKept: configuration.forwarding == nil ? nil : EventStore.defaultForwardRecordsKept,
            startedAt: startedAt, observer: metrics)
        let (journal, journalReport) = try journalOptions.open(
            into: store, capacity: bufferCapacity, keepsUndelivered: configuration.forwarding?.mode == .queue)
        // Only the dashboard has an R key.
        let resender: Resender?
        do {
            resender =
                headless ? nil : try forward.resender(store: store, access: configuration.access, servesHTTPS: configuration.security != nil)
        } catch {
            journal?.close()
            throw error
        }
        if headless, journalOptions.resume { _ = store.drainOutbox() }  // already in the journal: not printed again
        if let journalReport { logger.notice("\(journalReport)") }
        configuration.journal = journal
        configuration.metrics = metrics
        let listener: CallbackListener
        do {
            listener = try await CallbackListener.start(configuration: configuration, store: store)
        } catch let error as ListenerError {
            journal?.close()
            await resender?.shutdown()
            throw CommandFailure(message: error.description)
        }
        logger.info("listening; point the Kaleyra callback profile at \(listener.callbackURL)")
        if let target = configuration.forwarding?.target { logger.info("forwarding every callback to \(target)") }
        let exposure = exposureWarning(listener.configuration)
        if let exposure { logger.warning("\(exposure)") }
        let traffic =
            demo ? DemoTraffic.start(to: listener.callbackURL, rate: demoRate, seed: seed, formats: demoFormat.formats) : nil
        defer { traffic?.cancel() }
        let notices = NoticeBoard()
        let renewal = (configuration.security as? ServerCertificate).map { certificate in
            CertificateRenewal(certificate) { [headless] outcome in
                if headless { logger.notice("\(outcome)") } else { notices.post(outcome) }
            }
        }
        defer { renewal?.stop() }
        if headless {
            await HeadlessOutput(store: store, listener: listener, journal: journal, logger: logger).run()
        } else {
            var configuration = DashboardConfiguration(
                callbackURL: listener.callbackURL, framesPerSecond: fps, themes: themeChoice.themes)
            configuration.notice = [themeChoice.problem, journalReport].compactMap { $0 }.joined(separator: "; ")
            if configuration.notice?.isEmpty == true { configuration.notice = nil }
            configuration.warning = exposure
            configuration.notices = notices
            if let resender {
                configuration.resend = { @Sendable request, sequence in
                    resender.resend(request, of: sequence) { notices.post($0) }
                }
            }
            try await DashboardRunner(store: store, configuration: configuration) {
                await listener.stopAccepting()
                journal?.close()
                await listener.shutdown()
                await resender?.shutdown()
            }.run()
        }
    }

    private func listenerConfiguration() throws -> ListenerConfiguration {
        var configuration = ListenerConfiguration(
            host: host, port: port ?? (demo ? 0 : ListenerConfiguration.defaultPort), callbackPath: path, maximumBodyBytes: maximumBodyBytes,
            idleTimeoutSeconds: idleTimeoutSeconds)
        if let threads { configuration.threads = threads }
        configuration.requestTimeoutSeconds = requestTimeoutSeconds
        configuration.bodyBudget = BodyBudget(limit: bodyBudgetBytes)
        configuration.access = try access.policy()
        configuration.rateLimit = try access.requestsPerSecond()
        configuration.format = providers.format
        configuration.providerSecrets = try providers.secrets()
        configuration.forwarding = try forward.forwarding()
        configuration.security = try tls.load()
        return configuration
    }
}

/// Loud words for a listener anyone on the network can post to.
private func exposureWarning(_ configuration: ListenerConfiguration) -> String? {
    guard !configuration.isLoopbackOnly, !configuration.access.requiresCredentials else { return nil }
    return "OPEN TO THE NETWORK: listening on \(configuration.host) with no authentication; "
        + "anyone who can reach it can post callbacks (use --token, --basic-auth or --auth-header)"
}

/// A failure to report as one line on stderr with exit status 1, without usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
