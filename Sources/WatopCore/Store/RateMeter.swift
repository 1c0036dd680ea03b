/// Events per second over the last minute, in one-second buckets.
public struct RateMeter: Sendable, Equatable {
    public static let window = 60
    private var buckets = [Int](repeating: 0, count: RateMeter.window + 1)
    private var bucketSecond = [Int64](repeating: .min, count: RateMeter.window + 1)

    public init() {}

    public mutating func record(at time: UnixTime, count: Int = 1) {
        let second = time.seconds
        let index = slot(of: second)
        if bucketSecond[index] != second {
            bucketSecond[index] = second
            buckets[index] = 0
        }
        buckets[index] += count
    }

    /// Events in the whole second `second`, zero if it is no longer held.
    public func count(inSecond second: Int64) -> Int {
        let index = slot(of: second)
        return bucketSecond[index] == second ? buckets[index] : 0
    }

    private func slot(of second: Int64) -> Int {
        let slot = Int(second % Int64(buckets.count))
        return slot < 0 ? slot + buckets.count : slot
    }

    /// Mean events per second over the `seconds` complete seconds before `now`.
    public func rate(overLast seconds: Int, now: UnixTime) -> Double {
        precondition(seconds > 0 && seconds <= Self.window)
        let current = now.seconds
        let total = (1...seconds).reduce(0) { $0 + count(inSecond: current - Int64($1)) }
        return Double(total) / Double(seconds)
    }

    /// Per-second counts of the last `seconds` complete seconds, oldest first (for a sparkline).
    public func history(seconds: Int = RateMeter.window, now: UnixTime) -> [Int] {
        let current = now.seconds
        return (1...min(seconds, Self.window)).reversed().map { count(inSecond: current - Int64($0)) }
    }
}
