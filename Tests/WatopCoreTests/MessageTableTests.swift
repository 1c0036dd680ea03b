import Testing

@testable import WatopCore

@Suite struct MessageTableTests {
    /// SplitMix64: a fixed, reproducible stream of operations.
    private struct Stream: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random updates and removals checked against a Dictionary after every step. Keys are
    /// drawn from a few values whose low bits mostly agree, so runs collide, wrap around the
    /// table's end and are shifted back on removal; the table grows through several sizes.
    @Test(arguments: [UInt64(1), 2, 3])
    func agreesWithADictionaryThroughCollisionsGrowthAndRemovals(seed: UInt64) {
        var random = Stream(state: seed)
        var table = MessageTable()
        var model: [UInt64: UInt64] = [:]
        var nextSequence: UInt64 = 1
        let keys = (0..<600).map { index -> UInt64 in
            // Half the keys share their low 6 bits; the rest end just before a power of two.
            index.isMultiple(of: 2) ? UInt64(index) << 6 : UInt64.max - UInt64(index)
        }
        for step in 0..<20_000 {
            let key = keys[Int(random.next() % UInt64(keys.count))]
            if random.next() % 3 == 0, let sequence = model[key] {
                // Removal is asked with the value held, or with a stale one that must be ignored.
                let asked = random.next() % 2 == 0 ? sequence : sequence + 1
                table.remove(key, ifSequence: asked)
                if asked == sequence { model[key] = nil }
            } else {
                #expect(table.updateValue(nextSequence, forKey: key) == model.updateValue(nextSequence, forKey: key))
                nextSequence += 1
            }
            #expect(table.count == model.count)
            if step % 97 == 0 {
                for key in keys { #expect(table.sequence(forKey: key) == model[key]) }
            }
        }
        for key in keys { #expect(table.sequence(forKey: key) == model[key]) }
        for (key, sequence) in model { table.remove(key, ifSequence: sequence) }
        #expect(table.count == 0)
        for key in keys { #expect(table.sequence(forKey: key) == nil) }
    }
}
