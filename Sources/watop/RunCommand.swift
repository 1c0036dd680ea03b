import ArgumentParser
import Logging
import WatopCore
import WatopHistory
import WatopServer
import WatopTerminal
import WatopTransport

/// Listens for callbacks and shows them: the dashboard, or JSON lines with `--headless`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Listen for callbacks and show them live (the default command)."
    )

    @OptionGroup(title: "Listener")
    var listenerOptions: ListenerOptions

    @OptionGroup(title: "Memory")
    var memory: MemoryOptions

    @OptionGroup(title: "Memory")
    var rawBuffer: RawBufferOption

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardOptions

    @OptionGroup(title: "Headless")
    var output: HeadlessOptions

    @Flag(help: "Feed the dashboard with simulated callback traffic sent to its own listener over HTTP.")
    var demo = false

    @OptionGroup(title: "Demo traffic")
    var traffic: TrafficOptions

    @OptionGroup(title: "Access")
    var access: AccessOptions

    @OptionGroup(title: "Journal")
    var journalOptions: JournalOptions

    @OptionGroup(title: "History")
    var history: StoreOptions

    @OptionGroup(title: "Providers")
    var providers: ProviderOptions

    @OptionGroup(title: "Forwarding")
    var forward: ForwardOptions

    @OptionGroup(title: "HTTPS")
    var tls: TLSOptions

    @OptionGroup(title: "Alerts")
    var alerts: AlertOptions

    func validate() throws {
        if forward.mode == .queue, journalOptions.journal == nil {
            throw ValidationError("--forward-mode queue needs --journal FILE: the journal holds what the app has not had yet")
        }
    }

    func run() async throws {
        // Every secret and file is read here, once, before anything starts: one that can't be
        // read stops the start instead of leaving a check off.
        var configuration = try listenerConfiguration()
        let alertRules = try alerts.readRules()
        let hookArguments = try alerts.hookArguments()
        let headless = output.headless
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
        let themeChoice = ThemeChoice(requested: dashboard.theme).resolve()
        if !headless, let problem = themeChoice.problem { StandardStreams.writeError("watop: \(problem)\n") }
        let startedAt = UnixTime.now()
        let metrics = CallbackMetrics(maximumNumbers: listenerOptions.metricsMaximumNumbers, startedAt: startedAt)
        let monitor = alertRules.isEmpty ? nil : AlertMonitor(rules: alertRules, startedAt: startedAt, passingOnTo: metrics)
        if let monitor { metrics.report(monitor) }
        let store = EventStore(
            capacity: memory.bufferCapacity, messagesKept: memory.messagesKept, bounds: memory.bounds,
            requestsKept: rawBuffer.requestsKept,
            requestBytesKept: rawBuffer.bytesKept, outboxLimit: headless ? output.outputBacklog : nil,
            forwardRecordsKept: configuration.forwarding == nil ? nil : EventStore.defaultForwardRecordsKept,
            stuckAfterSeconds: memory.stuckAfter.seconds, startedAt: startedAt, observer: monitor ?? metrics)
        let (journal, openingReport) = try journalOptions.open(
            keepsUndelivered: configuration.forwarding?.mode == .queue,
            fallback: journalOptions.journal == nil ? try history.journalBesideStore() : nil)
        // Only the dashboard has an R key.
        let resender: Resender?
        do {
            resender =
                headless ? nil : try forward.resender(store: store, access: configuration.access, servesHTTPS: configuration.security != nil)
        } catch {
            journal?.close()
            throw error
        }
        configuration.journal = journal
        configuration.metrics = metrics
        let listener: CallbackListener
        do {
            // The port is bound before the journal is loaded, so a provider calling meanwhile
            // waits for its answer rather than finding nobody there.
            listener = try await CallbackListener.start(configuration: configuration, store: store, startsClosed: true)
        } catch let error as ListenerError {
            journal?.close()
            await resender?.shutdown()
            throw CommandFailure(message: error.description)
        }
        let resumeReport: String?
        do {
            resumeReport = try journalOptions.resume(journal, into: store, capacity: memory.bufferCapacity)
        } catch {
            await listener.shutdown()
            journal?.close()
            await resender?.shutdown()
            throw error
        }
        if headless, journalOptions.resume { _ = store.drainOutbox() }  // already in the journal: not printed again
        let historyWriter: HistoryWriter?
        let historyReader: (any HistorySearching)?
        do {
            (historyWriter, historyReader) = try history.startWriter(following: journal, withReader: !headless)
        } catch {
            await listener.shutdown()
            journal?.close()
            await resender?.shutdown()
            throw error
        }
        if let historyWriter {
            metrics.report(history: { historyWriter.progress })
            store.keepForwardOutcomes(in: historyWriter)
        }
        listener.open()
        let reports = [openingReport, resumeReport].compactMap { $0 }
        let journalReport = reports.isEmpty ? nil : reports.joined(separator: "; ")
        if let journalReport { logger.notice("\(journalReport)") }
        logger.info("listening; point the Kaleyra callback profile at \(listener.callbackURL)")
        if let target = configuration.forwarding?.target { logger.info("forwarding every callback to \(target)") }
        let exposure = exposureWarning(listener.configuration)
        if let exposure { logger.warning("\(exposure)") }
        let demoTraffic =
            demo
            ? DemoTraffic.start(
                to: listener.callbackURL, profile: traffic.profile(.demo), callbacksPerSecond: try traffic.callbacksPerSecond(.demo))
            : nil
        defer { demoTraffic?.cancel() }
        let notices = NoticeBoard()
        let renewal = (configuration.security as? ServerCertificate).map { certificate in
            CertificateRenewal(certificate) { [headless] outcome in
                if headless { logger.notice("\(outcome)") } else { notices.post(outcome) }
            }
        }
        defer { renewal?.stop() }
        let hook = hookArguments.map { arguments in
            AlertHook(arguments: arguments, timeoutSeconds: alerts.timeoutSeconds) { [headless] failure in
                if headless { logger.warning("\(failure)") } else { notices.post(failure) }
            }
        }
        let alertChecks = monitor.map { monitor in
            AlertChecks(monitor: monitor) { @Sendable change in hook?.run(change) }
        }
        if headless {
            await HeadlessOutput(
                store: store, listener: listener, journal: journal, history: historyWriter, alerts: alertChecks, logger: logger
            ).run()
        } else {
            var configuration = DashboardConfiguration(
                callbackURL: listener.callbackURL, framesPerSecond: dashboard.fps, themes: themeChoice.themes)
            configuration.notice = [themeChoice.problem, journalReport].compactMap { $0 }.joined(separator: "; ")
            if configuration.notice?.isEmpty == true { configuration.notice = nil }
            configuration.warning = exposure
            configuration.notices = notices
            configuration.alerts = alertChecks
            if let historyWriter { configuration.history = { historyWriter.progress } }
            configuration.historyReader = historyReader
            if let resender {
                configuration.resend = { @Sendable request, sequence in
                    resender.resend(request, of: sequence) { notices.post($0) }
                }
            }
            try await DashboardRunner(store: store, configuration: configuration) {
                await listener.stopAccepting()
                // The history takes what the journal has written by now, before it closes.
                historyWriter?.stop()
                historyReader?.close()
                journal?.close()
                await listener.shutdown()
                await resender?.shutdown()
            }.run()
        }
    }

    private func listenerConfiguration() throws -> ListenerConfiguration {
        var configuration = listenerOptions.configuration(demo: demo)
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
