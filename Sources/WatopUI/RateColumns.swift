import WatopCore

/// Where the Rates chart's columns fall in time: a window's buckets merged into as many
/// columns as the width has room for, each a whole number of buckets and beginning at a
/// multiple of its span. It depends on the width and the moment alone, not on the figures,
/// so that the cursor can step over the columns without drawing them.
struct RateColumns: Equatable {
    let window: RateWindow
    /// Buckets of the rollup per column.
    let bucketsPerColumn: Int
    /// When the newest column, the one holding the moment drawn, begins.
    let newestStart: UnixTime

    init(_ window: RateWindow, width: Int, now: UnixTime) {
        self.window = window
        let buckets = window.bucketCount
        // The fewest buckets that divide the window evenly and leave no more columns than
        // `width`: the finest the chart can show whole.
        bucketsPerColumn = (1...buckets).first { buckets % $0 == 0 && buckets / $0 <= width } ?? buckets
        let seconds = window.resolution * Int64(bucketsPerColumn)
        newestStart = UnixTime(seconds: now.seconds.floorDivided(by: seconds) * seconds)
    }

    var count: Int { window.bucketCount / bucketsPerColumn }

    /// Seconds one column spans.
    var seconds: Int64 { window.resolution * Int64(bucketsPerColumn) }

    /// When column `index` begins, the oldest being 0.
    func start(of index: Int) -> UnixTime {
        UnixTime(seconds: newestStart.seconds - Int64(count - 1 - index) * seconds)
    }

    /// The column holding `time`, or the nearest end of the chart when it is outside.
    func index(holding time: UnixTime) -> Int {
        let back = newestStart.seconds / seconds - time.seconds.floorDivided(by: seconds)
        return count - 1 - Int(min(max(0, back), Int64(count - 1)))
    }
}
