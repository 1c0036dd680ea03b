/// Messages grouped under every breakdown key at once, counted as the message table counts
/// them: each message once, in the class of its furthest status, charged once.
///
/// A message takes its group under each key from the first of its events that names one: its
/// `sent` carries the ref and the pricing, its `failed` the error code. Until then it counts
/// under "none". Prices are per event: each counts in the groups its message had when it came.
public struct Breakdown: Sendable {
    /// Distinct values per key that get a group of their own, unless told otherwise.
    public static let defaultCap = 1_000

    private var keys: [BreakdownGroups]
    /// The country key's slot of each calling code, `unknownCode` until first seen: a code is
    /// found without writing out its name.
    private var countrySlots = [UInt16](repeating: Self.unknownCode, count: 1000)
    private static let unknownCode = UInt16.max

    public init(cap: Int = Breakdown.defaultCap) {
        keys = BreakdownKey.allCases.map { _ in BreakdownGroups(cap: cap) }
    }

    /// The slot of the group an event names under `key`, given one while there is room; nil when
    /// the event names none (no ref, no error …). The texts are the event's, cut once for all
    /// the keys.
    private mutating func slot(_ key: BreakdownKey, in texts: borrowing EventTexts, of event: borrowing CallbackEvent) -> UInt16? {
        if let field = key.field {
            let value = texts[field]
            return value.isEmpty ? nil : keys[key.rawValue].slot(of: value)
        }
        if key == .provider {
            var name = event.format.provider
            return name.withUTF8 { keys[key.rawValue].slot(of: $0) }
        }
        guard let code = CallingCode(recipientIn: texts, kind: event.recipientKind) else { return nil }
        if countrySlots[Int(code.value)] == Self.unknownCode {
            var name = code.description
            countrySlots[Int(code.value)] = name.withUTF8 { keys[key.rawValue].slot(of: $0) }
        }
        return countrySlots[Int(code.value)]
    }

    /// Counts a new message in the groups its first event names; returns them.
    mutating func enter(_ event: borrowing CallbackEvent, as statusClass: StatusClass) -> BreakdownSlots {
        var slots = BreakdownSlots()
        event.withTexts { texts in
            for key in BreakdownKey.allCases {
                if let slot = slot(key, in: texts, of: event) { slots[key] = slot }
                keys[key.rawValue].add(statusClass, at: slots[key])
            }
        }
        addError(of: slots, count: 1)
        return slots
    }

    /// Moves a message into the groups `event` names where it had none so far.
    mutating func fill(_ slots: inout BreakdownSlots, from event: borrowing CallbackEvent, as statusClass: StatusClass, charged: Bool) {
        event.withTexts { texts in
            for key in Self.fillOrder where slots[key] == BreakdownGroups.none {
                guard let slot = slot(key, in: texts, of: event) else { continue }
                move(&slots, to: slot, under: key, as: statusClass, charged: charged)
            }
        }
    }

    /// Moves a message from the `none` group of `key` into `slot`.
    private mutating func move(_ slots: inout BreakdownSlots, to slot: UInt16, under key: BreakdownKey, as statusClass: StatusClass, charged: Bool) {
        keys[key.rawValue].add(statusClass, count: -1, at: BreakdownGroups.none)
        keys[key.rawValue].add(statusClass, at: slot)
        if charged {
            keys[key.rawValue].addCharged(-1, at: BreakdownGroups.none)
            keys[key.rawValue].addCharged(1, at: slot)
        }
        let error = slots[.errorCode]
        if key != .errorCode, error != BreakdownGroups.none {
            keys[key.rawValue].addError(error, count: -1, at: BreakdownGroups.none)
            keys[key.rawValue].addError(error, count: 1, at: slot)
        }
        slots[key] = slot
        if key == .errorCode { addError(of: slots, count: 1) }
    }

    /// The error code last: taking one counts it in every other key's group, as they then stand.
    private static let fillOrder = BreakdownKey.allCases.filter { $0 != .errorCode } + [.errorCode]

    /// Takes a message out of every group it counts in.
    mutating func leave(_ slots: BreakdownSlots, as statusClass: StatusClass, charged: Bool) {
        for key in BreakdownKey.allCases {
            keys[key.rawValue].add(statusClass, count: -1, at: slots[key])
            if charged { keys[key.rawValue].addCharged(-1, at: slots[key]) }
        }
        addError(of: slots, count: -1)
    }

    mutating func move(_ slots: BreakdownSlots, from old: StatusClass, to new: StatusClass) {
        for key in BreakdownKey.allCases { keys[key.rawValue].move(from: old, to: new, at: slots[key]) }
    }

    /// Counts a message of these groups as charged.
    mutating func charge(_ slots: BreakdownSlots) {
        for key in BreakdownKey.allCases { keys[key.rawValue].addCharged(1, at: slots[key]) }
    }

    mutating func addPrice(_ amount: ReportedPrice, to slots: BreakdownSlots) {
        for key in BreakdownKey.allCases { keys[key.rawValue].addPrice(amount, at: slots[key]) }
    }

    mutating func removePrice(_ amount: ReportedPrice, from slots: BreakdownSlots) {
        for key in BreakdownKey.allCases { keys[key.rawValue].removePrice(amount, at: slots[key]) }
    }

    /// Counts the message's error code (when it has one) in each of its groups.
    private mutating func addError(of slots: BreakdownSlots, count: Int) {
        let error = slots[.errorCode]
        guard error != BreakdownGroups.none else { return }
        for key in BreakdownKey.allCases { keys[key.rawValue].addError(error, count: count, at: slots[key]) }
    }

    /// The groups of `key` that count a message or a price: named ones, then "none", then "other".
    public func rows(of key: BreakdownKey) -> [BreakdownRow] {
        let groups = keys[key.rawValue]
        let errorNames = keys[BreakdownKey.errorCode.rawValue].names
        return groups.names.indices.compactMap { index in
            let tally = groups.tallies[index]
            let price = groups.prices[index]
            guard tally.seen > 0 || price.pricedEvents > 0 else { return nil }
            let group: BreakdownRow.Group =
                switch UInt16(index) {
                case BreakdownGroups.none: .noValue
                case BreakdownGroups.other: .other(beyond: groups.cap)
                default: .value(groups.names[index])
                }
            // The most messages, then the lowest slot (the code seen first), so ties stay put.
            let top = groups.errors[index].max { ($0.value, $1.key) < ($1.value, $0.key) }
            let topError = top.map { $0.key == BreakdownGroups.other ? "other" : errorNames[Int($0.key)] }
            return BreakdownRow(group: group, messages: tally, price: price, topError: topError)
        }
    }

    /// How many distinct values of `key` have a group of their own.
    public func groupCount(of key: BreakdownKey) -> Int { keys[key.rawValue].count }
}

/// One group of the Breakdown panel.
public struct BreakdownRow: Sendable, Equatable {
    public enum Group: Sendable, Equatable {
        case value(String)
        /// The messages that name no value for the key.
        case noValue
        /// The values past the cap, together.
        case other(beyond: Int)
    }

    public let group: Group
    public let messages: MessageTally
    public let price: PriceTally
    /// The error code most of the group's messages failed with, nil when none did.
    public let topError: String?
}
