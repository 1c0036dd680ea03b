import ArgumentParser
import WatopCore
import WatopServer
import WatopTerminal

/// `watop replay FILE`: yesterday's callbacks from a journal, in the dashboard, offline.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Load a journal (--journal FILE) into the dashboard for offline analysis."
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

    @Option(name: .customLong("buffer"), help: "How many recent events to keep in memory.")
    var bufferCapacity = 1_000_000

    @OptionGroup var rawBuffer: RawBufferOption

    @Option(help: "Dashboard theme: a name from `watop themes`, or the path of a theme file.")
    var theme = "default"

    @Option(help: "Dashboard frames per second.")
    var fps = 10

    func validate() throws {
        guard (1...50_000_000).contains(bufferCapacity) else {
            throw ValidationError("--buffer \(bufferCapacity) must be between 1 and 50000000 events")
        }
        guard (1...60).contains(fps) else { throw ValidationError("--fps \(fps) must be between 1 and 60") }
    }

    func run() async throws {
        guard StandardStreams.outputIsTerminal else {
            StandardStreams.writeError("watop: stdout is not a terminal, so the dashboard cannot be drawn.\n")
            throw ExitCode(2)
        }
        let store = EventStore(
            capacity: bufferCapacity, requestsKept: rawBuffer.requestsKept, requestBytesKept: rawBuffer.bytesKept, startedAt: .now())
        let choice = ThemeChoice(requested: theme).resolve()
        var configuration = DashboardConfiguration(
            callbackURL: "replay of \(file)", framesPerSecond: fps, themes: choice.themes)
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
