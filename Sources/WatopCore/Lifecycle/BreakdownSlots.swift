/// A message's group under each breakdown key, as slots of that key's `BreakdownGroups`.
struct BreakdownSlots: Sendable, Equatable {
    private var slots = InlineArray<8, UInt16>(repeating: BreakdownGroups.none)

    init() {}

    subscript(key: BreakdownKey) -> UInt16 {
        get { slots[key.rawValue] }
        set { slots[key.rawValue] = newValue }
    }

    static func == (lhs: BreakdownSlots, rhs: BreakdownSlots) -> Bool {
        BreakdownKey.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }
}
