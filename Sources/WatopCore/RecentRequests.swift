import DequeModule

/// The requests the newest events came in, for the inspector. Only the newest `capacity` are
/// kept: a request (the whole query or body, and its headers) is larger than the event read
/// from it, and a million of them would cost more than the buffer itself.
struct RecentRequests: Sendable {
    let capacity: Int
    /// One entry per event, by sequence from `firstSequence`; the events of one webhook share
    /// their request, and an event recorded without one has nil.
    private var requests: Deque<RawRequest?> = []
    private var firstSequence: UInt64 = 1

    init(capacity: Int) {
        precondition(capacity >= 0, "cannot keep a negative number of requests")
        self.capacity = capacity
    }

    /// Keeps `request` for the event numbered `sequence`, the one after the last appended;
    /// returns the request it lets go of, for the caller to free outside its lock.
    @discardableResult
    mutating func append(_ request: RawRequest?, for sequence: UInt64) -> RawRequest? {
        guard capacity > 0 else { return nil }
        if requests.isEmpty { firstSequence = sequence }
        requests.append(request)
        guard requests.count > capacity else { return nil }
        firstSequence += 1
        return requests.removeFirst()
    }

    func request(of sequence: UInt64) -> RawRequest? {
        guard sequence >= firstSequence, sequence - firstSequence < UInt64(requests.count) else { return nil }
        return requests[Int(sequence - firstSequence)]
    }
}
