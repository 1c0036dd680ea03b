/// Messages stuck in a pending status (queued, sent …) with no callback for longer than
/// `--stuck-after`: a message that stalls gets no new callback, so the ring alone forgets it,
/// while the message table remembers it.
public struct StuckMessages: Sendable, Equatable {
    /// The ages the view groups by: up to an hour, up to a day, older.
    public static let ageLimits: [Int64] = [3600, 86_400]

    /// One WhatsApp number's stuck messages.
    public struct Group: Sendable, Equatable {
        public let number: String
        /// By age: below an hour, below a day, a day or more.
        public private(set) var byAge = [0, 0, 0]
        /// Seconds since the oldest of them was last heard of.
        public private(set) var oldestAge: Int64 = 0

        init(number: String) { self.number = number }

        public var total: Int { byAge.reduce(0, +) }

        mutating func add(_ count: Int, age: UInt32) {
            let age = Int64(age)
            byAge[StuckMessages.ageLimits.firstIndex { age < $0 } ?? StuckMessages.ageLimits.count] += count
            oldestAge = max(oldestAge, age)
        }
    }

    public let afterSeconds: Int64
    /// Numbers with most stuck messages first.
    public let groups: [Group]

    init(afterSeconds: Int64, groups: [Group]) {
        self.afterSeconds = afterSeconds
        self.groups = groups.sorted { ($0.total, $1.number) > ($1.total, $0.number) }
    }

    public static let none = StuckMessages(afterSeconds: 600, groups: [])

    public var total: Int { groups.reduce(0) { $0 + $1.total } }
}
