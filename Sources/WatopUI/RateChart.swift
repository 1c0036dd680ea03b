import WatopCore

/// What the Rates chart plots: the window's buckets merged into its columns.
struct RateChart {
    let columns: RateColumns
    /// One merged bucket per column, oldest first.
    let buckets: [RollupBucket]

    init(_ series: RollupSeries, width: Int, now: UnixTime) {
        columns = RateColumns(series.window, width: width, now: now)
        buckets = series.buckets(endingAt: now, merging: columns.bucketsPerColumn)
    }

    /// The most callbacks in a column; 0 when the window has none.
    var peak: Int { buckets.map(\.total).max() ?? 0 }

    /// Callbacks over the whole window, per status class and in all.
    var total: RollupBucket {
        var sum = RollupBucket(start: columns.start(of: 0))
        for bucket in buckets { sum.add(bucket) }
        return sum
    }

    /// The peak as callbacks per second, for the scale.
    var peakRate: Double { Double(peak) / Double(columns.seconds) }
}
