import Histogram

/// How long messages took from sent to delivered and from delivered to read, overall and per
/// WhatsApp number, over the last 5 minutes, hour and day: the figures of the Latency view.
///
/// Latencies come from the message table (which outlives the ring), once per message when both
/// of its times are known, in whole seconds by the provider's clock (what providers send).
/// Each window is a ring of slices, each slice an HdrHistogram with one significant digit:
/// exact to 31 s, then within a sixteenth, up to 7 days: about 1.6 KB with its four-byte counts.
/// Merging a window's slices reads it give or take one slice. With 70 histograms a scope
/// (2 latencies × 35 slices), the overall scope and at most `maximumNumbers` numbers plus
/// "other" take at most about 6 MB, whatever the traffic.
struct LatencyRollups: Sendable {
    /// WhatsApp numbers with latencies of their own; the rest share one scope.
    static let maximumNumbers = 50
    /// The Rates chart's windows, each split into slices.
    static func slices(of window: RateWindow) -> Int {
        switch window {
        case .fiveMinutes: 5
        case .hour: 6
        case .day: 24
        }
    }
    static let longestLatencySeconds: UInt64 = 7 * 86_400

    enum Kind: Int, CaseIterable, Sendable {
        case sentToDelivered, deliveredToRead
    }

    /// One window's ring of slices for one latency.
    private struct Ring: Sendable {
        let width: Int64
        var slices: [Int64]
        var histograms: [Histogram<UInt32>]

        init(seconds: Int64, slices count: Int) {
            width = seconds / Int64(count)
            slices = Array(repeating: -1, count: count)
            histograms = Array(repeating: LatencyRollups.emptyHistogram, count: count)
        }

        mutating func record(_ latency: UInt64, at second: Int64) {
            let slice = second.floorDivided(by: width)
            let index = Int(slice - Int64(slices.count) * slice.floorDivided(by: Int64(slices.count)))
            if slices[index] != slice {
                slices[index] = slice
                histograms[index].reset()
            }
            _ = histograms[index].record(latency)
        }

        func merged(endingAt second: Int64) -> Histogram<UInt32> {
            let newest = second.floorDivided(by: width)
            var merged = LatencyRollups.emptyHistogram
            for (index, slice) in slices.enumerated() where slice > newest - Int64(slices.count) && slice <= newest {
                merged.add(histograms[index])
            }
            return merged
        }
    }

    /// Every window's ring for both latencies.
    private struct Scope: Sendable {
        var rings: [[Ring]] = Kind.allCases.map { _ in
            RateWindow.allCases.map { Ring(seconds: $0.span, slices: LatencyRollups.slices(of: $0)) }
        }
    }

    static let emptyHistogram = Histogram<UInt32>(
        lowestDiscernibleValue: 1, highestTrackableValue: longestLatencySeconds, numberOfSignificantValueDigits: .one)

    private var overall = Scope()
    /// By the message table's number index, the first `maximumNumbers` numbers with latencies.
    private var byNumber: [UInt32: Scope] = [:]
    private var other: Scope?

    /// Records a message's latency, received at `second` (watop's clock, which places it in a slice).
    mutating func record(_ kind: Kind, seconds latency: Int64, number: UInt32, at second: Int64) {
        let value = UInt64(min(max(0, latency), Int64(Self.longestLatencySeconds)))
        let windows = RateWindow.allCases.indices
        for window in windows { overall.rings[kind.rawValue][window].record(value, at: second) }
        if byNumber[number] == nil, byNumber.count >= Self.maximumNumbers {
            if other == nil { other = Scope() }
            for window in windows { other!.rings[kind.rawValue][window].record(value, at: second) }
            return
        }
        for window in windows { byNumber[number, default: Scope()].rings[kind.rawValue][window].record(value, at: second) }
    }

    /// The percentiles of `window` ending at `second`.
    func summary(window: RateWindow, endingAt second: Int64, numbers: [String: UInt32]) -> DeliveryLatencies {
        let names = Dictionary(uniqueKeysWithValues: numbers.map { ($0.value, $0.key) })
        func row(_ label: String?, _ scope: Scope) -> DeliveryLatencies.Row {
            DeliveryLatencies.Row(
                number: label,
                sentToDelivered: .init(scope.rings[Kind.sentToDelivered.rawValue][window.rawValue].merged(endingAt: second)),
                deliveredToRead: .init(scope.rings[Kind.deliveredToRead.rawValue][window.rawValue].merged(endingAt: second)))
        }
        var rows = byNumber.map { row(names[$0.key] ?? Aggregates.unknownWhatsAppNumber, $0.value) }
        if let other { rows.append(row(DeliveryLatencies.otherNumbers, other)) }
        return DeliveryLatencies(window: window, overall: row(nil, overall), numbers: rows)
    }
}
