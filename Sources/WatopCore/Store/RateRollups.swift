/// Callbacks per status class over time at the three resolutions of `RateWindow`, kept
/// beside the ring and updated as each event is recorded: 24 hours of history in fixed
/// memory (`byteCount`), however many events the ring has let go of.
public struct RateRollups: Sendable {
    private var series: [RollupSeries] = RateWindow.allCases.map(RollupSeries.init(window:))

    public init() {}

    public subscript(window: RateWindow) -> RollupSeries { series[window.rawValue] }

    /// Counts `event` in every window, at the time watop received it.
    mutating func record(_ event: borrowing CallbackEvent) {
        let statusClass = event.statusClass
        let second = event.receivedAt.seconds
        for index in series.indices { series[index].record(statusClass, atSecond: second) }
    }

    /// Takes `event` back from every window that still holds its bucket.
    mutating func remove(_ event: borrowing CallbackEvent) {
        let statusClass = event.statusClass
        let second = event.receivedAt.seconds
        for index in series.indices { series[index].remove(statusClass, atSecond: second) }
    }

    /// Bytes all the windows' buckets take: the same from the first event to the last.
    public var byteCount: Int { series.reduce(0) { $0 + $1.byteCount } }

    /// A copy sharing no buffer with this one, for a snapshot: the store's rollups stay
    /// uniquely referenced, so recording the next event copies nothing.
    func detached() -> RateRollups {
        var copy = self
        copy.series = series.map { $0.detached() }
        return copy
    }
}
