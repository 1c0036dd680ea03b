import DequeModule

/// The newest notices, newest last, and how many came of each kind since start. Bounded: a
/// sender could send notices without end, and only the newest are worth reading on a screen.
struct NoticeLog: Sendable {
    static let capacity = 1_000

    private(set) var kept: Deque<Notice> = []
    /// Notices not yet taken by `drain` (headless output), when asked to keep them; bounded
    /// like `kept`, the oldest left out first.
    private var unprinted: Deque<Notice>?

    init(keepsUnprinted: Bool) {
        if keepsUnprinted { unprinted = [] }
    }

    mutating func append(_ notice: Notice) {
        if kept.count == Self.capacity { kept.removeFirst() }
        kept.append(notice)
        guard unprinted != nil else { return }
        if unprinted!.count == Self.capacity { unprinted!.removeFirst() }
        unprinted!.append(notice)
    }

    /// Takes the notices not yet printed, oldest first.
    mutating func drain() -> [Notice] {
        guard let waiting = unprinted, !waiting.isEmpty else { return [] }
        unprinted = []
        return Array(waiting)
    }
}
