/// Event counts per delivery status: fixed slots for the named statuses (no hashing on the
/// hot path) and a dictionary for anything else a provider invents.
public struct StatusCounts: Sendable, Equatable {
    private var named = [Int](repeating: 0, count: DeliveryStatus.named.count)
    private var others: [String: Int] = [:]

    public init() {}

    public mutating func add(_ status: DeliveryStatus, count: Int = 1) {
        if let slot = status.namedIndex {
            named[slot] += count
        } else {
            others[status.name, default: 0] += count
        }
    }

    /// Adds every count of `other`.
    mutating func merge(_ other: StatusCounts) {
        for slot in named.indices { named[slot] += other.named[slot] }
        others.merge(other.others, uniquingKeysWith: +)
    }

    public subscript(status: DeliveryStatus) -> Int {
        if let slot = status.namedIndex { return named[slot] }
        return others[status.name] ?? 0
    }

    public var total: Int { named.reduce(0, +) + others.values.reduce(0, +) }

    /// Kaleyra's documented statuses in lifecycle order, then Twilio's named ones when seen,
    /// then any others seen, by name.
    public var statusesSeen: [DeliveryStatus] {
        DeliveryStatus.documented
            + DeliveryStatus.named.dropFirst(DeliveryStatus.documented.count).filter { self[$0] != 0 }
            + others.keys.sorted().map { DeliveryStatus.other($0) }
    }

    /// Every status with its count, documented ones always listed.
    public var rows: [(status: DeliveryStatus, count: Int)] {
        statusesSeen.map { ($0, self[$0]) }
    }
}
