import ArgumentParser
import WatopCore
import WatopHistory
import WatopPostgres
import WatopTerminal

/// `watop attach`: the live dashboard over a whole fleet of receivers, from the PostgreSQL
/// database they all write into.
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Show the live dashboard over every receiver writing into a PostgreSQL --store.",
        discussion: """
            Reads every event the receivers wrote, then follows the tables as they write: every panel \
            counts the whole fleet. The header lists each receiver with its rate and says which went \
            silent, and when the database can't be reached.
            """
    )

    @OptionGroup var location: StoreLocation

    @OptionGroup(title: "Memory")
    var memory: MemoryOptions

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardOptions

    func validate() throws {
        guard location.store != nil, location.isPostgres else {
            throw ValidationError("attach reads a fleet's PostgreSQL database: give --store postgres://USER@HOST:PORT/DB")
        }
    }

    func run() async throws {
        let fleet: PostgresFleet
        let reader: any HistorySearching
        do {
            reader = try location.openForReading()
            let (address, password) = try location.postgres()
            fleet = try PostgresFleet(location: address, password: password)
            do {
                try fleet.check()
            } catch where error.isPermanent {
                throw error
            } catch {
                // Unreachable for now: the dashboard says so, and the reader keeps trying.
            }
        } catch let error as HistoryError {
            throw CommandFailure(message: error.description)
        }
        guard StandardStreams.outputIsTerminal else {
            StandardStreams.writeError("watop: stdout is not a terminal, so the dashboard cannot be drawn.\n")
            throw ExitCode(2)
        }
        let store = EventStore(
            capacity: memory.bufferCapacity, messagesKept: memory.messagesKept, bounds: memory.bounds,
            requestsKept: 0, requestBytesKept: 0, stuckAfterSeconds: memory.stuckAfter.seconds, startedAt: .now())
        fleet.start(into: store)
        let choice = ThemeChoice(requested: dashboard.theme).resolve()
        var configuration = DashboardConfiguration(
            callbackURL: "fleet in \(fleet.location)", framesPerSecond: dashboard.fps, themes: choice.themes)
        configuration.notice = choice.problem
        configuration.fleet = { fleet.status }
        configuration.historyReader = reader
        try await DashboardRunner(store: store, configuration: configuration) {
            fleet.stop()
            reader.close()
        }.run()
    }
}
