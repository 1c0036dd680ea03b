/// Messages per class, for all messages or those of one WhatsApp number. Each message counts in
/// the class of its furthest status, so the classes add up to the messages seen.
public struct MessageTally: Sendable, Equatable {
    public private(set) var pending = 0
    /// Reached the phone and not read: `reached` counts these with the read ones.
    public private(set) var deliveredOnly = 0
    public private(set) var read = 0
    public private(set) var failed = 0
    /// Messages the provider charges (Meta's pricing type `regular`), each counted once.
    public internal(set) var charged = 0

    public init() {}

    public subscript(statusClass: StatusClass) -> Int {
        switch statusClass {
        case .pending: pending
        case .delivered: deliveredOnly
        case .read: read
        case .failed: failed
        }
    }

    mutating func add(_ statusClass: StatusClass, count: Int = 1) {
        switch statusClass {
        case .pending: pending += count
        case .delivered: deliveredOnly += count
        case .read: read += count
        case .failed: failed += count
        }
    }

    mutating func move(from old: StatusClass, to new: StatusClass) {
        add(old, count: -1)
        add(new)
    }

    /// Every message, whatever status watop saw first: one first seen at `delivered` was sent.
    public var seen: Int { pending + deliveredOnly + read + failed }
    /// Delivered *or* read: WhatsApp skips `delivered` when a message is read at once.
    public var reached: Int { deliveredOnly + read }
}
