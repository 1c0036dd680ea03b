import ArgumentParser
import WatopCore

/// JSON lines on stdout instead of the dashboard, and how far stdout may fall behind.
struct HeadlessOptions: ParsableArguments {
    @Flag(help: "No dashboard: print each accepted event as a JSON line on stdout, a summary on exit.")
    var headless = false

    @Option(
        name: .customLong("output-backlog"),
        help: "With --headless: accepted events that may wait for a slow stdout; past that their lines are counted, not printed.")
    var outputBacklog = EventStore.defaultOutboxLimit

    func validate() throws {
        guard (1...50_000_000).contains(outputBacklog) else {
            throw ValidationError("--output-backlog \(outputBacklog) must be between 1 and 50000000 events")
        }
    }
}
