/// How an event's message stands in the message table at one moment: what the filter's
/// `stuck:` and `age:` terms read.
public struct MessageState: Sendable, Equatable {
    /// Seconds from watop's first callback for the message to the moment; below zero for a
    /// message first heard of after it.
    public let age: Int64
    /// Whether its furthest status is pending (queued, sent …) and watop has heard nothing of it
    /// for `--stuck-after` or longer, as the Stuck view counts it.
    public let stuck: Bool

    public init(age: Int64, stuck: Bool) {
        self.age = age
        self.stuck = stuck
    }
}
