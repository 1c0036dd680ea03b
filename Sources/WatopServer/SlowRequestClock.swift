import NIOCore

/// Tells when a request takes too long to arrive (slowloris: headers or a body trickled a
/// byte at a time to hold a connection open). The clock runs from the first read that leaves
/// a request incomplete until a read completes it; an idle keep-alive connection, with no
/// request begun, is left to the idle timeout instead.
///
/// The connection's handler keeps the clock and checks it every quarter of the limit, rather
/// than arming and cancelling a timer for every request, or passing every read and write
/// through a handler of its own: at keep-alive speed either costs more than the check. A
/// request is cut off between 1 and 1¼ times the limit after it began.
struct SlowRequestClock {
    private static let checksPerLimit: Int64 = 4
    let limit: TimeAmount
    /// Whether a request has begun and not yet been read in full.
    private var requestIncomplete = false
    /// Checks that found the same request still incomplete.
    private var checksIncomplete: Int64 = 0

    init(limit: TimeAmount) {
        self.limit = limit
    }

    /// How often `isOverdue` should be asked.
    var checkPeriod: TimeAmount { .nanoseconds(max(1, limit.nanoseconds / Self.checksPerLimit)) }

    /// After each read: whether it left a request incomplete (a head or body still arriving).
    mutating func readCompleted(leavingRequestIncomplete incomplete: Bool) {
        if incomplete {
            requestIncomplete = true
        } else {
            requestIncomplete = false
            checksIncomplete = 0
        }
    }

    /// At each periodic check: whether the incomplete request has now taken longer than the limit.
    mutating func isOverdue() -> Bool {
        guard requestIncomplete else { return false }
        checksIncomplete += 1
        // The first check may come just after the request began: one more than a limit's worth.
        return checksIncomplete > Self.checksPerLimit
    }

    var answer: Answer {
        .refusal(.requestTimeout, "request not complete within \(limit.nanoseconds / 1_000_000_000) s")
    }
}
