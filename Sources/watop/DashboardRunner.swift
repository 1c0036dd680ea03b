import WatopCore
import WatopTerminal

/// The dashboard in the foreground while the listener takes callbacks on its own threads.
struct DashboardRunner {
    let store: EventStore
    let configuration: DashboardConfiguration
    /// Runs once the dashboard has closed: stop taking callbacks, close the journal.
    let finish: () async -> Void

    func run() async throws {
        let outcome = await OwnThread.run(named: "watop-dashboard") { [store, configuration] in
            Result { try Dashboard.run(store: store, configuration: configuration) }
        }
        await finish()
        do {
            try outcome.get()
        } catch let error as DashboardError {
            throw CommandFailure(message: error.description)
        }
    }
}
