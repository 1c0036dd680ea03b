/// A span of time the rate rollups keep, and the width of its buckets: the three windows the
/// Rates chart cycles through.
public enum RateWindow: Int, Sendable, CaseIterable {
    /// Per second over 5 minutes.
    case fiveMinutes
    /// Per 10 seconds over an hour.
    case hour
    /// Per minute over 24 hours.
    case day

    /// Seconds per bucket.
    public var resolution: Int64 {
        switch self {
        case .fiveMinutes: 1
        case .hour: 10
        case .day: 60
        }
    }

    /// Buckets in the window: the span divided by the resolution.
    public var bucketCount: Int {
        switch self {
        case .fiveMinutes: 300
        case .hour: 360
        case .day: 1440
        }
    }

    /// Seconds the window spans.
    public var span: Int64 { resolution * Int64(bucketCount) }

    /// How the window is named on screen: `5m`, `1h`, `24h`.
    public var label: String {
        switch self {
        case .fiveMinutes: "5m"
        case .hour: "1h"
        case .day: "24h"
        }
    }
}
