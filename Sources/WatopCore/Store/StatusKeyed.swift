/// A value per delivery status: fixed slots for the named statuses and a dictionary for any
/// other. Tallies update one for every event they count, and hashing a `DeliveryStatus` there
/// cost more than the counting itself. Past `TableBounds.otherStatuses` unnamed statuses, the
/// further ones share the row `other`.
public struct StatusKeyed<Value: Sendable>: Sendable {
    private var named = [Value?](repeating: nil, count: DeliveryStatus.named.count)
    private var others: [String: Value] = [:]

    public init() {}

    public subscript(status: DeliveryStatus) -> Value? {
        get {
            if let slot = status.namedIndex { return named[slot] }
            return others[others.boundedKey(status.name, limit: TableBounds.otherStatuses)]
        }
        set {
            if let slot = status.namedIndex {
                named[slot] = newValue
            } else {
                others[others.boundedKey(status.name, limit: TableBounds.otherStatuses)] = newValue
            }
        }
    }

    /// Changes the value of `status` in place, starting from `initial` when it has none.
    public mutating func update(_ status: DeliveryStatus, from initial: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        if let slot = status.namedIndex {
            if named[slot] == nil { named[slot] = initial() }
            change(&named[slot]!)
        } else {
            change(&others[others.boundedKey(status.name, limit: TableBounds.otherStatuses), default: initial()])
        }
    }

    /// Combines `other`'s values into these, status by status.
    mutating func merge(_ other: StatusKeyed, _ combine: (inout Value, Value) -> Void) {
        for (status, value) in other.dictionary {
            if self[status] == nil { self[status] = value } else { combine(&self[status]!, value) }
        }
    }

    /// Every status that has a value.
    public var dictionary: [DeliveryStatus: Value] {
        var out: [DeliveryStatus: Value] = [:]
        for (status, value) in zip(DeliveryStatus.named, named) { out[status] = value }
        for (name, value) in others { out[.other(name)] = value }
        return out
    }

    /// The unnamed statuses that have a value, by name.
    fileprivate var otherNames: [String] { others.keys.sorted() }
}

extension StatusKeyed: Equatable where Value: Equatable {}

/// Event counts per delivery status.
public typealias StatusCounts = StatusKeyed<Int>

extension StatusKeyed where Value == Int {
    /// Counts `count` more events with `status`. A named status whose count returns to 0 has
    /// no value again, so that equal counts are equal however they were reached; an unnamed one
    /// stays listed, as the provider did send it.
    public mutating func add(_ status: DeliveryStatus, count: Int = 1) {
        if let slot = status.namedIndex {
            let sum = (named[slot] ?? 0) + count
            named[slot] = sum == 0 ? nil : sum
        } else {
            others[others.boundedKey(status.name, limit: TableBounds.otherStatuses), default: 0] += count
        }
    }

    /// Adds every count of `other`.
    mutating func merge(_ other: StatusCounts) {
        merge(other, +=)
    }

    /// The events counted with `status`.
    public func count(of status: DeliveryStatus) -> Int { self[status] ?? 0 }

    public var total: Int { named.reduce(0) { $0 + ($1 ?? 0) } + others.values.reduce(0, +) }

    /// Kaleyra's documented statuses in lifecycle order, then the other named ones when seen,
    /// then any others seen, by name.
    public var statusesSeen: [DeliveryStatus] {
        DeliveryStatus.documented
            + DeliveryStatus.named.dropFirst(DeliveryStatus.documented.count).filter { count(of: $0) != 0 }
            + otherNames.map { DeliveryStatus.other($0) }
    }

    /// Every status with its count, documented ones always listed.
    public var rows: [(status: DeliveryStatus, count: Int)] {
        statusesSeen.map { ($0, count(of: $0)) }
    }
}
