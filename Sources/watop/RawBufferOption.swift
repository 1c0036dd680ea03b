import ArgumentParser
import WatopCore

/// `--raw-buffer N`: how many of the newest events keep the request they came in, for the
/// detail view. Separate from `--buffer` because a request costs more memory than its event.
struct RawBufferOption: ParsableArguments {
    @Option(
        name: .customLong("raw-buffer"),
        help: "How many of the newest events keep their raw request for the detail view (0 keeps none; at most --buffer).")
    var requestsKept = EventStore.defaultRequestsKept

    @Option(
        name: .customLong("raw-buffer-bytes"),
        help: "How many bytes the kept raw requests may take in all; the oldest are let go first.")
    var bytesKept = EventStore.defaultRequestBytesKept

    func validate() throws {
        guard (0...50_000_000).contains(requestsKept) else {
            throw ValidationError("--raw-buffer \(requestsKept) must be between 0 and 50000000 requests")
        }
        guard (0...(1 << 40)).contains(bytesKept) else {
            throw ValidationError("--raw-buffer-bytes \(bytesKept) must be between 0 and 1 TiB")
        }
    }
}
