/// The callbacks of one bucket of a rate rollup, per status class (failed takes in
/// undelivered and the other endings without reaching the phone).
public struct RollupBucket: Sendable, Equatable {
    /// When the bucket begins; it lasts its window's resolution, times the buckets merged
    /// into it.
    public let start: UnixTime
    /// One count per `StatusClass`, at its raw value (a test checks that the classes fit).
    private var counts = SIMD4<Int>()

    public init(start: UnixTime) { self.start = start }

    public subscript(statusClass: StatusClass) -> Int { counts[statusClass.rawValue] }

    mutating func add(_ statusClass: StatusClass, count: Int = 1) { counts[statusClass.rawValue] += count }

    /// Adds the counts of `other`, for a sum over several buckets.
    public mutating func add(_ other: RollupBucket) { counts &+= other.counts }

    public var total: Int { counts.wrappedSum() }

    /// The share of the bucket's callbacks that report a failure, nil for an empty bucket (no
    /// traffic is not a share of zero).
    public var failureShare: Double? { total == 0 ? nil : Double(self[.failed]) / Double(total) }
}
