import Foundation
import WatopCore
import WatopPostgres

/// `watop attach` over a fleet's tables: every row read into the dashboard's store as attach
/// reads them (a cursor per receiver, pages of rows), then one frame of the live dashboard over
/// that store, with and without a filter, while new events arrive between frames.
enum AttachBenchmark {
    static func run(url: String, password: String?) throws {
        let fleet = try PostgresFleet(location: try PostgresLocation(parsing: url), password: password)
        try fleet.check()
        let store = EventStore(
            capacity: EventRing.defaultCapacity, messagesKept: EventStore.defaultMessagesKept, requestsKept: 0, requestBytesKept: 0,
            startedAt: .now())
        let started = ContinuousClock.now
        fleet.start(into: store)
        while !fleet.status.loaded {
            if let problem = fleet.status.problem {
                fleet.stop()
                throw BenchmarkFailure("attach could not read the tables: \(problem)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rows = fleet.status.eventsRead
        fleet.stop()
        print(String(format: "attach load         %d rows read into the store in %.1f s: %.0f rows/s", rows, seconds, Double(rows) / seconds))
        let now = UnixTime.now()
        let unfiltered = FrameBenchmark.median(store: store, receivedAt: now, filter: nil)
        let filtered = FrameBenchmark.median(store: store, receivedAt: now, filter: "status:failed")
        print(
            String(
                format: "attach frame        %.2f ms unfiltered, %.2f ms with a filter (%d events counted, the newest %d held)",
                unfiltered * 1000, filtered * 1000, store.acceptedCount, EventRing.defaultCapacity))
    }
}

/// Why a benchmark could not run.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
