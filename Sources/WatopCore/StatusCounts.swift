/// Event counts per delivery status: fixed slots for the documented statuses (no hashing on
/// the hot path) and a dictionary for anything else a provider invents.
public struct StatusCounts: Sendable, Equatable {
    private var documented = [Int](repeating: 0, count: DeliveryStatus.documented.count)
    private var others: [String: Int] = [:]

    public init() {}

    public mutating func add(_ status: DeliveryStatus, count: Int = 1) {
        if let slot = status.documentedIndex {
            documented[slot] += count
        } else {
            others[status.name, default: 0] += count
        }
    }

    public subscript(status: DeliveryStatus) -> Int {
        if let slot = status.documentedIndex { return documented[slot] }
        return others[status.name] ?? 0
    }

    public var total: Int { documented.reduce(0, +) + others.values.reduce(0, +) }

    /// The documented statuses in lifecycle order, then any others seen, by name.
    public var statusesSeen: [DeliveryStatus] {
        DeliveryStatus.documented + others.keys.sorted().map { DeliveryStatus.other($0) }
    }

    /// Every status with its count, documented ones always listed.
    public var rows: [(status: DeliveryStatus, count: Int)] {
        statusesSeen.map { ($0, self[$0]) }
    }
}
