import ArgumentParser
import WatopCore

/// `--raw-buffer N`: how many of the newest events keep the request they came in, for the
/// detail view. Separate from `--buffer` because a request costs more memory than its event.
struct RawBufferOption: ParsableArguments {
    @Option(
        name: .customLong("raw-buffer"),
        help: "How many of the newest events keep their raw request for the detail view (0 keeps none; at most --buffer).")
    var requestsKept = EventStore.defaultRequestsKept

    func validate() throws {
        guard (0...50_000_000).contains(requestsKept) else {
            throw ValidationError("--raw-buffer \(requestsKept) must be between 0 and 50000000 requests")
        }
    }
}
