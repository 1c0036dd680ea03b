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

    @Option(help: ArgumentHelp("The fleet's database: postgres://USER@HOST:PORT/DB[?sslmode=…].", valueName: "url"))
    var store: String

    @Option(name: .customLong("store-password"), help: "The password, as env:NAME or file:PATH.")
    var password: String?

    @OptionGroup(title: "Memory")
    var memory: MemoryOptions

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardOptions

    func validate() throws {
        guard HistoryLocation.isPostgres(store) else {
            throw ValidationError("--store \(store): attach reads a fleet's PostgreSQL database (postgres://…); for a SQLite file use watop history")
        }
        do {
            _ = try PostgresLocation(parsing: store)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let fleet: PostgresFleet
        do {
            fleet = try PostgresFleet(
                location: try PostgresLocation(parsing: store),
                password: try password.map { try AccessOptions.secret($0, option: "--store-password") })
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
        try await DashboardRunner(store: store, configuration: configuration) { fleet.stop() }.run()
    }
}
