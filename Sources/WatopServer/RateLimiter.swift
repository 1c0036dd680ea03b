import NIOConcurrencyHelpers

/// Per-client request budget (`--rate-limit N/s`): a token bucket per client address, holding
/// at most one second's worth of requests. The one lock guards one dictionary of buckets.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: UInt64
    }

    public let requestsPerSecond: Double
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])
    /// Buckets kept at most; full buckets (idle clients) are dropped first when it is reached.
    static let clientLimit = 10_000

    public init(requestsPerSecond: Double) {
        self.requestsPerSecond = requestsPerSecond
    }

    /// Takes one request from `client`'s budget; false when it has none left.
    public func admit(client: String, nowNanoseconds now: UInt64) -> Bool {
        buckets.withLockedValue { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: requestsPerSecond, updated: now)
            let elapsed = Double(now &- bucket.updated) / 1e9
            bucket.tokens = min(requestsPerSecond, bucket.tokens + elapsed * requestsPerSecond)
            bucket.updated = now
            let admitted = bucket.tokens >= 1
            if admitted { bucket.tokens -= 1 }
            if buckets.count >= Self.clientLimit, buckets[client] == nil { forgetIdleClients(&buckets, now: now) }
            buckets[client] = bucket
            return admitted
        }
    }

    private func forgetIdleClients(_ buckets: inout [String: Bucket], now: UInt64) {
        buckets = buckets.filter { Double(now &- $0.value.updated) / 1e9 < 1 }
        if buckets.count >= Self.clientLimit { buckets.removeAll(keepingCapacity: true) }
    }
}
