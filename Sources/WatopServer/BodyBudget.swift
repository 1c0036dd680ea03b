import Synchronization

/// The bytes of request bodies that all connections together may hold while they arrive.
///
/// `--max-body` bounds one request; this bounds their sum, so that thousands of slow
/// connections each sending a few megabytes cannot take the machine's memory. A connection
/// that finds the budget spent is answered 503 and closed: the provider retries later.
public final class BodyBudget: Sendable {
    public let limit: Int
    private let used = Atomic<Int>(0)

    /// 256 MiB: about eighty of Meta's largest (3 MB) webhooks arriving at once.
    public static let defaultLimit = 256 << 20

    public init(limit: Int = BodyBudget.defaultLimit) {
        precondition(limit > 0, "a body budget must allow some bytes")
        self.limit = limit
    }

    /// Takes `bytes` from the budget; false, taking nothing, when that would overspend it.
    public func reserve(_ bytes: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Gives back bytes taken with `reserve`.
    public func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        used.subtract(bytes, ordering: .relaxed)
    }

    /// Bytes held by bodies still arriving or being read.
    public var inUse: Int { used.load(ordering: .relaxed) }
}
