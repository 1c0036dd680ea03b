/// What one rule counted over its window, in a fixed ring of buckets: adding is two integer
/// adds, and the memory does not depend on the traffic (`bucketCount` buckets of 16 bytes).
///
/// The window slides a bucket at a time, a sixtieth of it (at least a second), so a figure is
/// over the window give or take one bucket.
struct AlertCounts: Sendable {
    static let bucketCount = 61

    private struct Bucket {
        /// Which bucket of time it holds (seconds since the epoch ÷ `width`); -1 for none yet.
        var index: Int64 = -1
        var matched: Int32 = 0
        var total: Int32 = 0
    }

    let width: Int64
    private let span: Int64
    private var buckets: [Bucket]

    init(windowSeconds: Int64) {
        width = max(1, (windowSeconds + 59) / 60)
        span = (windowSeconds + width - 1) / width
        buckets = Array(repeating: Bucket(), count: Self.bucketCount)
    }

    mutating func add(matched: Bool, at second: Int64) {
        let index = second.floorDivided(by: width)
        let slot = Int(index - Int64(Self.bucketCount) * index.floorDivided(by: Int64(Self.bucketCount)))
        if buckets[slot].index != index { buckets[slot] = Bucket(index: index) }
        buckets[slot].total &+= 1
        if matched { buckets[slot].matched &+= 1 }
    }

    /// The callbacks counted in the window that ends with the bucket of `second`.
    func window(endingAt second: Int64) -> (matched: Int, total: Int) {
        let newest = second.floorDivided(by: width)
        var matched = 0
        var total = 0
        for bucket in buckets where bucket.index > newest - span && bucket.index <= newest {
            matched += Int(bucket.matched)
            total += Int(bucket.total)
        }
        return (matched, total)
    }
}
