import Testing

@testable import WatopCore

@Suite struct BreakdownGroupsTests {
    private static func slot(_ value: String, in groups: inout BreakdownGroups) -> UInt16 {
        var value = value
        return value.withUTF8 { groups.slot(of: $0) }
    }

    @Test("each value keeps its slot as the index grows, and values past the cap share `other`")
    func valuesKeepTheirSlots() {
        var groups = BreakdownGroups(cap: 3000)
        // Prefixes of one another, empty, multi-byte: told apart by their bytes, not a prefix.
        let values = ["", "a", "ab", "abc", "₹", "₹₹"] + (0..<3100).map { "campaign-\($0)" }
        let first = values.map { Self.slot($0, in: &groups) }
        #expect(first.prefix(3000) == ArraySlice((2..<3002).map { UInt16($0) }))
        #expect(first.dropFirst(3000).allSatisfy { $0 == BreakdownGroups.other })
        #expect(values.map { Self.slot($0, in: &groups) } == first)
        #expect(groups.count == 3000)
        #expect(groups.names[2...].elementsEqual(values.prefix(3000)))
    }
}
