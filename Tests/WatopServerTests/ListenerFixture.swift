import NIOCore
import NIOPosix
import WatopCore
import WatopServer

/// A real listener on a free port with a fresh store, and a client for it; both are shut down
/// after `body`, whether it succeeds or throws.
enum ListenerFixture {
    static func run(
        _ configuration: ListenerConfiguration = ListenerConfiguration(port: 0, threads: 1),
        _ body: (TestHTTPClient, EventStore) async throws -> Void
    ) async throws {
        let store = EventStore(capacity: 1000, startedAt: .now(), observer: configuration.metrics)
        let listener = try await CallbackListener.start(configuration: configuration, store: store)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let outcome: Result<Void, Error>
        do {
            try await body(TestHTTPClient(group: group, port: listener.port), store)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await listener.shutdown()
        try await group.shutdownGracefully()
        try outcome.get()
    }
}

extension EventWindow {
    /// Every held event, oldest first, copied out for assertions.
    var oldestFirst: [CallbackEvent] {
        var events: [CallbackEvent] = []
        forEachOldestFirst { events.append(copy $0) }
        return events
    }
}
