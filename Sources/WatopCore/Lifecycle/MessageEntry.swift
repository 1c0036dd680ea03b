/// One message of the message table, in 64 bytes: its id's hashes, its place in the order of
/// last activity, its WhatsApp number, its furthest status, when it first reached each step,
/// when watop first and last heard of it and its group under each breakdown key.
struct MessageEntry: Sendable {
    /// Marks the end of the activity order.
    static let none = UInt32.max

    let key: MessageKey
    /// The slots of the messages active just before and just after this one.
    var older = none
    var newer = none
    /// When the message first reached each step, in Unix seconds by the provider's clock when it
    /// gives one (0: not yet). Four bytes each last until 2106; seconds are what providers send.
    var sent: UInt32 = 0
    var delivered: UInt32 = 0
    var read: UInt32 = 0
    /// When watop received its newest callback, in Unix seconds by watop's clock: a stuck
    /// message is one that has been silent too long, whatever the provider's clock says.
    var lastSeen: UInt32 = 0
    /// When watop received its first callback, in Unix seconds by watop's clock: the age the
    /// filter's `age:` compares.
    var firstSeen: UInt32 = 0
    /// The number's index, the furthest status and whether it is charged, in one word: a byte
    /// each of their own would take the entry past 64 bytes.
    private var packed: UInt32
    var groups = BreakdownSlots()

    /// The bits of `packed`: the number's index below, then the status, then the charge.
    private static let numberBits: UInt32 = 23
    private static let numberMask: UInt32 = 1 << numberBits - 1
    private static let chargedBit: UInt32 = 1 << 31
    /// Number indexes the word can hold: `--max-numbers` stays well below.
    static let numbersHeld = Int(numberMask) + 1

    init(key: MessageKey, number: UInt32, status: StatusCode) {
        self.key = key
        packed = 0
        self.number = number
        furthest = status
    }

    /// Index of the WhatsApp number in the table's list of numbers.
    var number: UInt32 {
        get { packed & Self.numberMask }
        set {
            precondition(newValue <= Self.numberMask)
            packed = packed & ~Self.numberMask | newValue
        }
    }

    /// The furthest status reached: it only moves forward, and never out of a failure.
    var furthest: StatusCode {
        get { StatusCode(rawValue: UInt8(truncatingIfNeeded: packed >> Self.numberBits)) }
        set { packed = packed & (Self.numberMask | Self.chargedBit) | UInt32(newValue.rawValue) << Self.numberBits }
    }

    /// Whether any of its statuses said the provider charges it (Meta's pricing type
    /// `regular`): a message is charged once, however many statuses repeat it.
    var charged: Bool {
        get { packed & Self.chargedBit != 0 }
        set { packed = newValue ? packed | Self.chargedBit : packed & ~Self.chargedBit }
    }

    /// Notes that the message reported `status` at `time`, keeping the first time of each step.
    mutating func stamp(_ status: StatusCode, at time: UnixTime) {
        let seconds = UInt32(clamping: max(1, time.milliseconds / 1000))
        let named = status.named
        switch named?.statusClass {
        case .pending: if named == .sent, sent == 0 { sent = seconds }
        case .delivered: if delivered == 0 { delivered = seconds }
        case .read: if read == 0 { read = seconds }
        case .failed, nil: break
        }
    }

    /// Moves the furthest status to `status` if it is further; returns whether it moved.
    mutating func advance(to status: StatusCode) -> Bool {
        let current = furthest.named
        let next = status.named
        guard current?.isTerminal != true, next?.rank ?? 0 >= current?.rank ?? 0, status != furthest else {
            return false
        }
        furthest = status
        return true
    }

    var statusClass: StatusClass { furthest.named?.statusClass ?? .pending }
}
