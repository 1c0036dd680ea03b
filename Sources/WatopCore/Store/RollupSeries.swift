/// Callbacks per status class in buckets of one width over one window, in a circular table
/// indexed by bucket number: recording is a division, a comparison and an add, and the
/// memory is fixed however long watop runs.
public struct RollupSeries: Sendable {
    public let window: RateWindow
    /// The bucket number (seconds since the epoch divided by the resolution) each slot holds;
    /// `Int64.min` for a slot never written.
    private var bucketNumbers: [Int64]
    /// `classCount` counts per slot, in `StatusClass` order. Four bytes each: a bucket would
    /// need over four billion callbacks of one class to overflow.
    private var counts: [UInt32]
    /// The second of the last callback counted, and where its counts begin: callbacks come in
    /// runs of the same second, which then need no division to find their bucket.
    private var lastSecond = Int64.min
    private var lastFirst = 0

    private static let classCount = StatusClass.allCases.count

    public init(window: RateWindow) {
        self.window = window
        bucketNumbers = [Int64](repeating: .min, count: window.bucketCount)
        counts = [UInt32](repeating: 0, count: window.bucketCount * Self.classCount)
    }

    /// Bytes the series' counts and bucket numbers take.
    public var byteCount: Int {
        bucketNumbers.count * MemoryLayout<Int64>.stride + counts.count * MemoryLayout<UInt32>.stride
    }

    /// Counts one callback of `statusClass` received in `second` (since the epoch). A callback
    /// older than the bucket now in its slot (one read back from an old journal) is past the
    /// window: not counted.
    mutating func record(_ statusClass: StatusClass, atSecond second: Int64) {
        if second != lastSecond {
            let bucket = second.floorDivided(by: window.resolution)
            let slot = slot(of: bucket)
            let held = bucketNumbers[slot]
            if held != bucket {
                guard held < bucket else { return }
                bucketNumbers[slot] = bucket
                let first = slot * Self.classCount
                for index in first..<first + Self.classCount { counts[index] = 0 }
            }
            lastSecond = second
            lastFirst = slot * Self.classCount
        }
        counts[lastFirst + statusClass.rawValue] += 1
    }

    /// Takes back one callback counted earlier, when its bucket is still held: the filtered
    /// chart's series lets go of the events the ring overwrites.
    mutating func remove(_ statusClass: StatusClass, atSecond second: Int64) {
        let bucket = second.floorDivided(by: window.resolution)
        let slot = slot(of: bucket)
        let index = slot * Self.classCount + statusClass.rawValue
        guard bucketNumbers[slot] == bucket, counts[index] > 0 else { return }
        counts[index] -= 1
    }

    private func slot(of bucket: Int64) -> Int {
        Int(bucket - bucket.floorDivided(by: Int64(window.bucketCount)) * Int64(window.bucketCount))
    }

    /// The window's buckets ending with the one that holds `now`, oldest first, merged
    /// `count` at a time into wider buckets that begin at multiples of their width (so that a
    /// merged bucket's figures stay put as time moves on, and only the newest grows). As many
    /// as fit whole in the window; a bucket not held (no callback, or too old) counts nothing.
    public func buckets(endingAt now: UnixTime, merging count: Int = 1) -> [RollupBucket] {
        let count = Int64(min(max(1, count), window.bucketCount))
        let width = window.resolution * count
        let newest = now.seconds.floorDivided(by: width)
        let merged = Int64(window.bucketCount) / count
        return (newest - merged + 1...newest).map { wide in
            var result = RollupBucket(start: UnixTime(seconds: wide * width))
            for bucket in wide * count..<(wide + 1) * count {
                let slot = slot(of: bucket)
                guard bucketNumbers[slot] == bucket else { continue }
                for statusClass in StatusClass.allCases {
                    result.add(statusClass, count: Int(counts[slot * Self.classCount + statusClass.rawValue]))
                }
            }
            return result
        }
    }

    /// A copy with buffers of its own, so that the store's stays the only reference to its
    /// own and recording never copies them.
    func detached() -> RollupSeries {
        var copy = self
        copy.bucketNumbers = bucketNumbers.withUnsafeBufferPointer { Array($0) }
        copy.counts = counts.withUnsafeBufferPointer { Array($0) }
        return copy
    }
}
