import DequeModule

/// What became of the requests watop forwarded to the app: the newest records with their
/// attempts, a compact summary of each for the events list, the app's health, and a memory
/// of the requests the app has not taken, so that a provider's retry of one is known as such.
///
/// Kept beside the ring, keyed by the events' sequences, as the recent requests are: the
/// ring's chunks stay immutable, and an outcome often arrives after its events are recorded.
struct ForwardLedger: Sendable {
    let capacity: Int
    private var records: Deque<ForwardRecord> = []
    /// The summaries of the records that carried events, in the order of their sequences.
    private(set) var summaries: Deque<ForwardSummary> = []
    private var nextID: UInt64 = 1
    /// Requests whose last attempt was not taken (`fingerprint` → record id): a request that
    /// comes again with the same bytes is the provider retrying it.
    private var untaken: [Int: UInt64] = [:]
    private(set) var health = ForwardHealth()
    /// Attempts completed since the last `drainCompleted`, when a reader asked for them.
    private var completed: [ForwardRecordUpdate]?

    init(capacity: Int, keepsCompleted: Bool) {
        precondition(capacity > 0, "the forward ledger must keep at least one record")
        self.capacity = capacity
        completed = keepsCompleted ? [] : nil
    }

    /// The record of an earlier request with the same bytes that the app has not taken.
    func retried(fingerprint: Int) -> UInt64? {
        untaken[fingerprint]
    }

    /// Begins the record of a request being forwarded; returns its id.
    mutating func begin(
        sequences: Range<UInt64>?, journalPosition: Int64? = nil, method: String, target: String, fingerprint: Int?,
        queued: Bool = false
    ) -> UInt64 {
        let id = nextID
        nextID += 1
        var record = ForwardRecord(
            id: id, sequences: sequences, journalPosition: journalPosition, method: method, target: target, fingerprint: fingerprint)
        if queued { record.settled = .queued }
        records.append(record)
        if sequences?.isEmpty == false { summaries.append(record.summary) }
        health.inFlight += 1
        while records.count > capacity { forget(records.removeFirst()) }
        return id
    }

    /// Another try at a record already kept, asked for by the user.
    mutating func beginResend() {
        health.inFlight += 1
    }

    /// Another try at a record already kept: a provider's retry.
    mutating func beginRetry() {
        health.inFlight += 1
        health.retriesRecognised += 1
    }

    /// Adds an attempt's outcome to its record. In queue mode `settled` says where the request
    /// now stands (`queued` again for another try); the request stays counted in flight until
    /// it is delivered or set aside. Returns the record as it now stands, while it is kept.
    @discardableResult
    mutating func complete(_ id: UInt64, with attempt: ForwardAttempt, settled: ForwardState? = nil) -> ForwardRecord? {
        if settled != .queued { health.inFlight -= 1 }
        if settled == .deadLettered { health.deadLettered += 1 }
        health.add(attempt)
        guard let index = index(of: id) else { return nil }
        records[index].attempts.append(attempt)
        records[index].settled = settled
        let record = records[index]
        if let fingerprint = record.fingerprint {
            if attempt.state == .delivered {
                if untaken[fingerprint] == id { untaken[fingerprint] = nil }
            } else {
                untaken[fingerprint] = id
            }
        }
        if let sequences = record.sequences, !sequences.isEmpty, let slot = summaryIndex(of: sequences.lowerBound) {
            summaries[slot] = record.summary
        }
        completed?.append(ForwardRecordUpdate(record: record, attempt: attempt))
        return record
    }

    /// The record of the request that carried the event numbered `sequence`.
    func record(of sequence: UInt64) -> ForwardRecord? {
        guard let slot = summaryIndex(of: sequence), let index = index(of: summaries[slot].recordID) else { return nil }
        return records[index]
    }

    /// Takes the attempts completed since the last call, oldest first.
    mutating func drainCompleted() -> [ForwardRecordUpdate] {
        guard let taken = completed else { return [] }
        completed = []
        return taken
    }

    /// Queue mode: how many requests wait in the journal for the app, and since when the oldest.
    mutating func setQueue(depth: Int, oldestSince: UnixTime?) {
        health.queueDepth = depth
        health.oldestQueuedAt = oldestSince
    }

    private mutating func forget(_ record: ForwardRecord) {
        if let fingerprint = record.fingerprint, untaken[fingerprint] == record.id { untaken[fingerprint] = nil }
        if summaries.first?.recordID == record.id { summaries.removeFirst() }
    }

    private func index(of id: UInt64) -> Int? {
        guard let first = records.first?.id, id >= first, id - first < UInt64(records.count) else { return nil }
        return Int(id - first)
    }

    /// Binary search: summaries are appended in the order of their sequences.
    private func summaryIndex(of sequence: UInt64) -> Int? {
        ForwardSummaries.index(of: sequence, in: summaries)
    }
}

/// Finding the request an event came in among summaries ordered by sequence.
public enum ForwardSummaries {
    public static func index(of sequence: UInt64, in summaries: Deque<ForwardSummary>) -> Int? {
        var low = 0
        var high = summaries.count
        while low < high {
            let middle = (low + high) / 2
            if summaries[middle].firstSequence <= sequence { low = middle + 1 } else { high = middle }
        }
        guard low > 0, summaries[low - 1].covers(sequence) else { return nil }
        return low - 1
    }
}

/// An attempt just completed, with its record as it now stands: a line of headless output.
public struct ForwardRecordUpdate: Sendable {
    public let record: ForwardRecord
    public let attempt: ForwardAttempt
}

/// How the app behind watop is doing, for the header and the summary.
public struct ForwardHealth: Sendable, Equatable {
    public var inFlight = 0
    public var delivered = 0
    public var refused = 0
    public var failed = 0
    /// Requests that came again after the app did not take them: shown as further attempts,
    /// not counted as new callbacks.
    public var retriesRecognised = 0
    /// Queue mode: requests the app refused for good (a 4xx other than 429), set aside.
    public var deadLettered = 0
    /// Queue mode: requests waiting in the journal for delivery, and when the oldest came.
    public var queueDepth = 0
    public var oldestQueuedAt: UnixTime?
    public var lastDeliveredAt: UnixTime?
    /// When the app began failing, while its last attempt failed or was refused with a 5xx.
    public var failingSince: UnixTime?
    /// The last failure or refusal, in words.
    public var lastProblem: String?

    public var attempts: Int { delivered + refused + failed }

    mutating func add(_ attempt: ForwardAttempt) {
        switch attempt.state {
        case .delivered:
            delivered += 1
            lastDeliveredAt = attempt.startedAt
        case .refused:
            refused += 1
        case .failed, .inFlight, .queued, .deadLettered:
            failed += 1
        }
        let troubled = attempt.state == .failed || (attempt.status ?? 0) >= 500
        if troubled {
            if failingSince == nil { failingSince = attempt.startedAt }
            lastProblem = attempt.failure ?? "HTTP \(attempt.status ?? 0)"
        } else {
            failingSince = nil
        }
    }
}
