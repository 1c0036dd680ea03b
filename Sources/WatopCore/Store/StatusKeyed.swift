/// A value per delivery status: fixed slots for the named statuses and a dictionary for any
/// other. Tallies update one for every event they count, and hashing a `DeliveryStatus` there
/// cost more than the counting itself.
public struct StatusKeyed<Value: Sendable>: Sendable {
    private var named = [Value?](repeating: nil, count: DeliveryStatus.named.count)
    private var others: [String: Value] = [:]

    public init() {}

    public subscript(status: DeliveryStatus) -> Value? {
        get {
            if let slot = status.namedIndex { return named[slot] }
            return others[status.name]
        }
        set {
            if let slot = status.namedIndex {
                named[slot] = newValue
            } else {
                others[status.name] = newValue
            }
        }
    }

    /// Changes the value of `status` in place, starting from `initial` when it has none.
    public mutating func update(_ status: DeliveryStatus, from initial: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        if let slot = status.namedIndex {
            if named[slot] == nil { named[slot] = initial() }
            change(&named[slot]!)
        } else {
            change(&others[status.name, default: initial()])
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
}

extension StatusKeyed: Equatable where Value: Equatable {}
