import ArgumentParser
import WatopCore

/// How much of the traffic watop keeps in memory: events, messages and raw requests.
struct MemoryOptions: ParsableArguments {
    @Option(name: .customLong("buffer"), help: "How many recent events to keep in memory.")
    var bufferCapacity = EventRing.defaultCapacity

    @Option(
        name: .customLong("messages"),
        help: "How many messages to follow (about 88 bytes each); past that, the one idle the longest is let go.")
    var messagesKept = EventStore.defaultMessagesKept

    @Option(
        name: .customLong("stuck-after"),
        help: "How long a message may stay queued or sent with no callback before it counts as stuck (30m, 2h …).")
    var stuckAfter = SpanOfTime(seconds: EventStore.defaultStuckAfterSeconds)

    @Option(name: .customLong("max-numbers"), help: "WhatsApp numbers with a row of their own in the tables; the rest count together as other.")
    var maximumNumbers = TableBounds.defaultWhatsAppNumbers

    @Option(name: .customLong("max-groups"), help: "Values with a row of their own under each Breakdown key; the rest count together as other.")
    var maximumGroups = Breakdown.defaultCap

    func validate() throws {
        guard (1...50_000_000).contains(bufferCapacity) else {
            throw ValidationError("--buffer \(bufferCapacity) must be between 1 and 50000000 events")
        }
        guard (1...100_000_000).contains(messagesKept) else {
            throw ValidationError("--messages \(messagesKept) must be between 1 and 100000000 messages")
        }
        guard stuckAfter.seconds >= 1 else { throw ValidationError("--stuck-after must be at least 1s") }
        guard (1...1_000_000).contains(maximumNumbers) else {
            throw ValidationError("--max-numbers \(maximumNumbers) must be between 1 and 1000000")
        }
        // A message keeps its group under each key in two bytes.
        guard (1...60_000).contains(maximumGroups) else {
            throw ValidationError("--max-groups \(maximumGroups) must be between 1 and 60000")
        }
    }

    /// The rows the tables keyed by callbacks' text may hold.
    var bounds: TableBounds { TableBounds(whatsappNumbers: maximumNumbers, breakdownGroups: maximumGroups) }
}
