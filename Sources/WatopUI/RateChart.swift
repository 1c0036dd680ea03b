import WatopCore

/// What the Rates chart plots: a window's buckets merged into as many columns as the chart
/// has room for, each a whole number of buckets. The merging depends on the width alone, so
/// that the columns are the same whatever the figures, and a key can move over them.
struct RateChart {
    let window: RateWindow
    /// Buckets of the rollup per column.
    let bucketsPerColumn: Int
    /// The columns, oldest first; the newest holds the moment drawn.
    let columns: [RollupBucket]

    init(_ series: RollupSeries, width: Int, now: UnixTime) {
        window = series.window
        bucketsPerColumn = Self.bucketsPerColumn(series.window, width: width)
        columns = series.buckets(endingAt: now, merging: bucketsPerColumn)
    }

    /// The fewest buckets per column that divide the window evenly and leave no more columns
    /// than `width`: the finest the chart can show whole.
    static func bucketsPerColumn(_ window: RateWindow, width: Int) -> Int {
        let buckets = window.bucketCount
        return (1...buckets).first { buckets % $0 == 0 && buckets / $0 <= width } ?? buckets
    }

    /// Seconds one column spans.
    var columnSeconds: Int64 { window.resolution * Int64(bucketsPerColumn) }

    /// The most callbacks in a column; 0 when the window has none.
    var peak: Int { columns.map(\.total).max() ?? 0 }

    /// Callbacks over the whole window, per status class and in all.
    var total: RollupBucket {
        var sum = RollupBucket(start: columns.first?.start ?? UnixTime(milliseconds: 0))
        for column in columns { sum.add(column) }
        return sum
    }

    /// The peak as callbacks per second, for the scale.
    var peakRate: Double { Double(peak) / Double(columnSeconds) }
}
