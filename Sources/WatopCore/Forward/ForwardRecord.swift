/// One request sent on to the app: the events it carried and every attempt at delivering it.
public struct ForwardRecord: Sendable {
    /// Numbered in the order requests were forwarded.
    public let id: UInt64
    /// The sequence of its first event and how many it carried (a webhook carries several,
    /// forwarded once); nil when watop could not read it, which is forwarded all the same.
    public let sequences: Range<UInt64>?
    /// Where the request is in the journal; nil without one (or for a resend of a request no
    /// longer kept).
    public let journalPosition: Int64?
    public let method: String
    /// The callback path and query as received, credentials redacted.
    public let target: String
    public internal(set) var attempts: [ForwardAttempt] = []
    /// Tells a provider's retry of this request from a new one; see `EventStore.recordForwarded`.
    /// Nil in queue mode, where the provider was answered by watop and does not retry.
    let fingerprint: Int?
    /// Where queue mode has put it, which the last attempt alone does not say (a 503 there
    /// means "queued for another try", not "refused").
    var settled: ForwardState?

    init(id: UInt64, sequences: Range<UInt64>?, journalPosition: Int64? = nil, method: String, target: String, fingerprint: Int?) {
        self.id = id
        self.sequences = sequences
        self.journalPosition = journalPosition
        self.method = method
        self.target = target
        self.fingerprint = fingerprint
    }

    public var state: ForwardState { settled ?? attempts.last?.state ?? .inFlight }

    /// The one-line summary the events list shows for each of its events.
    public var summary: ForwardSummary {
        ForwardSummary(
            recordID: id, firstSequence: sequences?.lowerBound ?? 0, eventCount: UInt32(clamping: sequences?.count ?? 0),
            attempts: UInt16(clamping: attempts.count), state: state,
            status: UInt16(clamping: attempts.last?.status ?? 0),
            latencyMicroseconds: UInt32(clamping: attempts.last?.latencyMicroseconds ?? 0))
    }
}

/// A forward record in a few bytes, without references: the snapshot copies thousands of these.
public struct ForwardSummary: Sendable, Equatable {
    public var recordID: UInt64
    public var firstSequence: UInt64
    public var eventCount: UInt32
    public var attempts: UInt16
    public var state: ForwardState
    /// The app's last status; 0 when it gave none.
    public var status: UInt16
    public var latencyMicroseconds: UInt32

    /// Whether the event numbered `sequence` came in this request.
    public func covers(_ sequence: UInt64) -> Bool {
        sequence >= firstSequence && sequence - firstSequence < UInt64(eventCount)
    }
}
