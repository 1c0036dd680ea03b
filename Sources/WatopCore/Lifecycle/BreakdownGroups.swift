/// The groups of one breakdown key: messages per class, the messages charged, the reported price
/// and the messages per error code of each distinct value, up to a cap.
///
/// The values come from callbacks (a `ref` can be new on every message), so past `cap` distinct
/// values every further one is counted in the one group `other`: exact totals in bounded memory.
struct BreakdownGroups: Sendable {
    /// The slot of messages that name no value for the key.
    static let none: UInt16 = 0
    /// The slot of the values beyond the cap.
    static let other: UInt16 = 1

    /// How many distinct values get a group of their own.
    let cap: Int
    /// The slots of the values, found by their UTF-8 bytes.
    private var index = SlotIndex()
    /// The slot the last look-up found, `none` before any.
    private var lastFound = Self.none
    /// Each slot's value; empty for `none` and `other`.
    private(set) var names = ["", ""]
    private(set) var tallies = [MessageTally(), MessageTally()]
    private(set) var prices = [PriceTally(), PriceTally()]
    /// Messages per error-code slot (of the `errorCode` key's groups), for each slot.
    private(set) var errors: [[UInt16: Int]] = [[:], [:]]

    init(cap: Int) {
        precondition(cap > 0 && cap <= Int(UInt16.max) - 2)
        self.cap = cap
    }

    /// The slot of the value whose UTF-8 is `bytes`, giving it one while there is room.
    mutating func slot(of bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
        // Messages come in runs of one campaign, one category: the value of the last look-up
        // is compared first, which costs less than hashing.
        if lastFound != Self.none, SlotIndex.equal(names[Int(lastFound)], bytes) { return lastFound }
        let hash = SlotIndex.hash(bytes)
        if let slot = index.slot(of: bytes, hash: hash, in: names) {
            lastFound = slot
            return slot
        }
        guard count < cap else { return Self.other }
        let slot = UInt16(names.count)
        index.insert(slot, hash: hash)
        lastFound = slot
        names.append(String(decoding: bytes, as: UTF8.self))
        tallies.append(MessageTally())
        prices.append(PriceTally())
        errors.append([:])
        return slot
    }

    mutating func add(_ statusClass: StatusClass, count: Int = 1, at slot: UInt16) {
        tallies[Int(slot)].add(statusClass, count: count)
    }

    mutating func move(from old: StatusClass, to new: StatusClass, at slot: UInt16) {
        tallies[Int(slot)].move(from: old, to: new)
    }

    mutating func addCharged(_ count: Int, at slot: UInt16) {
        tallies[Int(slot)].charged += count
    }

    mutating func addPrice(_ amount: ReportedPrice, at slot: UInt16) {
        prices[Int(slot)].add(amount)
    }

    mutating func removePrice(_ amount: ReportedPrice, at slot: UInt16) {
        prices[Int(slot)].remove(amount)
    }

    mutating func addError(_ errorSlot: UInt16, count: Int, at slot: UInt16) {
        let sum = errors[Int(slot)][errorSlot, default: 0] + count
        errors[Int(slot)][errorSlot] = sum == 0 ? nil : sum
    }

    /// How many distinct values have a group (`none` and `other` aside).
    var count: Int { names.count - 2 }
}
