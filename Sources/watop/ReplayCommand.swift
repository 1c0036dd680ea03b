import ArgumentParser
import NIOCore
import WatopCore
import WatopServer
import WatopTerminal

/// `watop replay FILE`: yesterday's callbacks from a journal, in the dashboard, offline; with
/// `--to URL`, sent again to an app that missed them.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Load a journal (--journal FILE) into the dashboard, or send it again to an app (--to URL).",
        discussion: """
            With --to, every request of the journal (or those --filter keeps) is sent to URL in the \
            journal's order, as it came: the way to refill an app after its own outage. A summary \
            line follows; the exit status is 1 when any request was not answered 2xx.
            """
    )

    enum Pace: String, ExpressibleByArgument, CaseIterable {
        /// Everything at once.
        case fast
        /// As the callbacks originally arrived, in real time.
        case original
    }

    @Argument(help: "The journal file.")
    var file: String

    @Option(help: "fast: everything at once; original: as the callbacks arrived, in real time.")
    var pace: Pace = .fast

    @Option(help: "Send the journal's requests to this http:// or https:// URL instead of showing them.")
    var to: String?

    @Option(help: "With --to: send only the requests with an event this filter keeps (the dashboard's filter syntax).")
    var filter: String?

    @Option(help: "With --to: at most this many requests a second, e.g. 200/s.")
    var rate: PerSecond?

    @Option(name: .customLong("timeout"), help: "With --to: seconds each request may take.")
    var timeoutSeconds = 10.0

    @Flag(help: "With --to: accept any certificate (a self-signed app in development only).")
    var insecure = false

    @Option(name: .customLong("buffer"), help: "How many recent events to keep in memory.")
    var bufferCapacity = 1_000_000

    @OptionGroup var rawBuffer: RawBufferOption

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardOptions

    func validate() throws {
        guard (1...50_000_000).contains(bufferCapacity) else {
            throw ValidationError("--buffer \(bufferCapacity) must be between 1 and 50000000 events")
        }
        if to == nil, filter != nil || rate != nil || insecure {
            throw ValidationError("--filter, --rate and --insecure go with --to URL")
        }
        guard timeoutSeconds > 0, timeoutSeconds <= 600 else {
            throw ValidationError("--timeout \(timeoutSeconds) must be above 0 and at most 600 seconds")
        }
    }

    func run() async throws {
        if let to { return try await send(to: to) }
        guard StandardStreams.outputIsTerminal else {
            StandardStreams.writeError("watop: stdout is not a terminal, so the dashboard cannot be drawn.\n")
            throw ExitCode(2)
        }
        let store = EventStore(
            capacity: bufferCapacity, requestsKept: rawBuffer.requestsKept, requestBytesKept: rawBuffer.bytesKept, startedAt: .now())
        let choice = ThemeChoice(requested: dashboard.theme).resolve()
        var configuration = DashboardConfiguration(
            callbackURL: "replay of \(file)", framesPerSecond: dashboard.fps, themes: choice.themes)
        let feeding: Task<String, Error>
        switch pace {
        case .fast:
            configuration.notice = try JournalReplay.load(file, into: store)
            feeding = Task { "" }
        case .original:
            let path = file
            feeding = Task.detached { try await Self.replayInRealTime(path, into: store) }
        }
        if let problem = choice.problem { configuration.notice = [configuration.notice, problem].compactMap { $0 }.joined(separator: "; ") }
        try await DashboardRunner(store: store, configuration: configuration) { feeding.cancel() }.run()
    }

    private func send(to url: String) async throws {
        let target: ForwardTarget
        do {
            target = try ForwardTarget(url)
        } catch {
            throw ValidationError(error.description.replacingOccurrences(of: "--forward-to", with: "--to"))
        }
        let kept: EventFilter
        do {
            kept = try filter.map { try EventFilter(parsing: $0, now: .now()) } ?? .everything
        } catch {
            throw ValidationError("--filter '\(filter ?? "")': \(error)")
        }
        guard !kept.testsMessages else {
            throw ValidationError("--filter '\(filter ?? "")': stuck: and age: need the live message table, which a journal has not")
        }
        let perSecond = try rate.map { rate in
            guard rate.value > 0 else { throw ValidationError("--rate must be above 0 requests per second, e.g. 200/s") }
            return rate.value
        }
        let sender = JournalSender(
            path: file, target: target, filter: kept, rate: perSecond, timeout: .nanoseconds(Int64(timeoutSeconds * 1e9)),
            verifiesCertificates: !insecure)
        let bar = StandardStreams.errorIsTerminal ? ProgressBar() : nil
        let tally: JournalSender.Tally
        do {
            tally = try await sender.run { tally, position, size in
                bar?.show(done: position, of: size, note: "sent \(tally.sent), failed \(tally.failed)")
            }
        } catch let error as JournalError {
            throw CommandFailure(message: error.description)
        }
        bar?.finish()
        StandardStreams.writeOutput(
            "sent \(tally.sent), 2xx \(tally.succeeded), failed \(tally.failed)"
                + (tally.skipped > 0 ? ", skipped \(tally.skipped) (filtered out, or lines that are not journal records)" : "") + "\n")
        if tally.failed > 0 { throw ExitCode(1) }
    }

    /// Records each event when its original delay since the first has passed.
    private static func replayInRealTime(_ path: String, into store: EventStore) async throws -> String {
        var batches: [CallbackBatch] = []
        let outcome = try JournalReader.forEachBatch(in: path) { batches.append($0) }
        guard let first = batches.first?.events.first?.receivedAt else { return JournalReplay.describe(outcome, path: path) }
        let start = ContinuousClock.now
        for batch in batches {
            guard let receivedAt = batch.events.first?.receivedAt else { continue }
            try Task.checkCancellation()
            try await Task.sleep(until: start.advanced(by: .milliseconds(receivedAt.milliseconds - first.milliseconds)))
            store.restore(batch)
        }
        return JournalReplay.describe(outcome, path: path)
    }
}
