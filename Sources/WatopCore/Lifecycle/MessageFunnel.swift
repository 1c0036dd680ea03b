/// The message counts of a snapshot: all messages held, and those of each WhatsApp number.
public struct MessageFunnel: Sendable {
    public let total: MessageTally
    /// How many messages the table holds at most (`--messages`).
    public let capacity: Int
    /// Messages let go to make room since start: they are no longer in the counts.
    public let evicted: Int
    private let numbers: [String: UInt32]
    private let tallies: [MessageTally]
    /// The messages grouped by each breakdown key.
    public let breakdown: Breakdown

    init(
        total: MessageTally, capacity: Int, evicted: Int, numbers: [String: UInt32], tallies: [MessageTally],
        breakdown: Breakdown
    ) {
        self.breakdown = breakdown
        self.total = total
        self.capacity = capacity
        self.evicted = evicted
        self.numbers = numbers
        self.tallies = tallies
    }

    /// No messages.
    public init(capacity: Int = 0) {
        self.init(total: MessageTally(), capacity: capacity, evicted: 0, numbers: [:], tallies: [], breakdown: Breakdown())
    }

    /// The messages sent from `number` (`Aggregates.unknownWhatsAppNumber`: those that named none).
    public func tally(of number: String) -> MessageTally {
        numbers[number].map { tallies[Int($0)] } ?? MessageTally()
    }
}
