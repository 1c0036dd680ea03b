import DequeModule

/// The requests the newest events came in, for the inspector. Only the newest `capacity`
/// events keep theirs, and only while the requests kept take at most `byteLimit` bytes: a
/// request (the whole query or body, and its headers) is larger than the event read from it,
/// and webhooks of megabytes would otherwise hold gigabytes.
struct RecentRequests: Sendable {
    let capacity: Int
    let byteLimit: Int
    /// One entry per event, by sequence from `firstSequence`; the events of one webhook share
    /// their request, and an event recorded without one has nil.
    private var requests: Deque<RawRequest?> = []
    private var firstSequence: UInt64 = 1
    /// The bytes of the distinct requests in `requests`, each counted once.
    private(set) var keptBytes = 0

    /// 64 MiB: room for the default 20,000 requests of a few KiB, and for about twenty of
    /// Meta's largest (3 MB) webhooks.
    static let defaultByteLimit = 64 << 20

    init(capacity: Int, byteLimit: Int = Self.defaultByteLimit) {
        precondition(capacity >= 0, "cannot keep a negative number of requests")
        precondition(byteLimit >= 0, "cannot keep a negative number of bytes")
        self.capacity = capacity
        self.byteLimit = byteLimit
    }

    /// Keeps `request` for the event numbered `sequence`, the one after the last appended;
    /// returns the request it lets go of, for the caller to free outside its lock (when the
    /// byte limit lets go of several at once, which is rare, the others are freed here).
    @discardableResult
    mutating func append(_ request: RawRequest?, for sequence: UInt64) -> RawRequest? {
        guard capacity > 0 else { return nil }
        if requests.isEmpty { firstSequence = sequence }
        if let request, !Self.same(request, requests.last ?? nil) { keptBytes += request.byteCount }
        requests.append(request)
        var letGo: RawRequest?
        while requests.count > capacity || (keptBytes > byteLimit && requests.count > 1) {
            firstSequence += 1
            guard let first = requests.removeFirst() else { continue }
            if !Self.same(first, requests.first ?? nil) {
                keptBytes -= first.byteCount
                letGo = first
            }
        }
        return letGo
    }

    func request(of sequence: UInt64) -> RawRequest? {
        guard sequence >= firstSequence, sequence - firstSequence < UInt64(requests.count) else { return nil }
        return requests[Int(sequence - firstSequence)]
    }

    private static func same(_ request: RawRequest, _ other: RawRequest?) -> Bool {
        other.map(request.isSameRequest) ?? false
    }
}
