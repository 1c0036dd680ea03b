import Foundation
import WatopCore
import WatopTerminal

/// The dashboard in the foreground while the listener takes callbacks on its own threads.
struct DashboardRunner {
    let store: EventStore
    let configuration: DashboardConfiguration
    /// Runs once the dashboard has closed: stop taking callbacks, close the journal.
    let finish: () async -> Void

    func run() async throws {
        let outcome = await Self.onOwnThread { [store, configuration] in
            Result { try Dashboard.run(store: store, configuration: configuration) }
        }
        await finish()
        do {
            try outcome.get()
        } catch let error as DashboardError {
            throw CommandFailure(message: error.description)
        }
    }

    /// The dashboard blocks in its key wait between frames; on a thread of its own it never
    /// holds one of the few threads Swift concurrency shares with everything else.
    private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "watop-dashboard"
            thread.start()
        }
    }
}
