/// Where a journaled request forwarded to the app stands after an attempt: what the history
/// keeps of forwarding, keyed by the request's position in the journal.
public struct ForwardOutcome: Sendable, Equatable {
    /// The request's line in the journal.
    public var journalPosition: Int64
    public var state: ForwardState
    /// The app's status at the latest attempt; nil when no answer came.
    public var status: Int?
    /// Why no answer came, when none did.
    public var failure: String?
    public var attempts: Int
    public var latencyMicroseconds: Int64
    /// When the latest attempt began.
    public var attemptedAt: UnixTime

    public init(
        journalPosition: Int64, state: ForwardState, status: Int?, failure: String? = nil, attempts: Int,
        latencyMicroseconds: Int64, attemptedAt: UnixTime
    ) {
        self.journalPosition = journalPosition
        self.state = state
        self.status = status
        self.failure = failure
        self.attempts = attempts
        self.latencyMicroseconds = latencyMicroseconds
        self.attemptedAt = attemptedAt
    }

    /// Whether this outcome replaces `other`, of the same request: attempts only grow, so the one
    /// with more is the later, whatever order the two arrive in (the databases' rule too).
    public func replaces(_ other: ForwardOutcome) -> Bool {
        attempts >= other.attempts
    }

    /// The outcome of `record` after `attempt`; nil when the request is not in a journal.
    init?(_ record: ForwardRecord, after attempt: ForwardAttempt) {
        guard let position = record.journalPosition else { return nil }
        self.init(
            journalPosition: position, state: record.state, status: attempt.status, failure: attempt.failure,
            attempts: record.attempts.count, latencyMicroseconds: attempt.latencyMicroseconds,
            attemptedAt: attempt.startedAt)
    }
}

/// Something that keeps forward outcomes: the history writer.
public protocol ForwardOutcomeSink: Sendable {
    /// Called after each attempt at a journaled request, on the thread that completed it; must
    /// not block.
    func settled(_ outcome: ForwardOutcome)
}
