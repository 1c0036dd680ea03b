import Histogram

/// Sent→delivered and delivered→read latencies over one window, overall and per WhatsApp
/// number, in seconds.
public struct DeliveryLatencies: Sendable, Equatable {
    /// Where the numbers past `LatencyRollups.maximumNumbers` are counted together.
    public static let otherNumbers = "other"

    /// One latency's figures.
    public struct Figures: Sendable, Equatable {
        public let count: UInt64
        public let p50: UInt64
        public let p90: UInt64
        public let p99: UInt64
        public let max: UInt64

        init(_ histogram: Histogram<UInt32>) {
            count = histogram.totalCount
            p50 = histogram.valueAtPercentile(50)
            p90 = histogram.valueAtPercentile(90)
            p99 = histogram.valueAtPercentile(99)
            max = histogram.max
        }
    }

    /// Nil `number` for every number together.
    public struct Row: Sendable, Equatable {
        public let number: String?
        public let sentToDelivered: Figures
        public let deliveredToRead: Figures
    }

    public let window: RateWindow
    public let overall: Row
    /// Numbers with the most delivered messages first.
    public let numbers: [Row]

    init(window: RateWindow, overall: Row, numbers: [Row]) {
        self.window = window
        self.overall = overall
        self.numbers = numbers.filter { $0.sentToDelivered.count + $0.deliveredToRead.count > 0 }.sorted {
            ($0.sentToDelivered.count, $1.number ?? "") > ($1.sentToDelivered.count, $0.number ?? "")
        }
    }
}
