/// The lifecycle index's table: for each message key, the sequence number of the message's
/// newest held event.
///
/// Written by hand rather than as a `Dictionary<UInt64, UInt64>`: the keys are already seeded
/// hashes of the ids (`LifecycleIndex`), which a Dictionary would hash again (SipHash), and it
/// keeps keys and values in separate arrays, so each probe of a table with an entry per held
/// message reads two or three cold cache lines, on every callback. Here a key's own bits pick
/// its slot (the hash is seeded per process, so callers cannot aim ids at one slot), and the
/// key and its value share one. Linear probing; a removal shifts the entries
/// after it back, so no tombstones build up however long the ring runs.
struct MessageTable: Sendable {
    private struct Entry {
        var key: UInt64
        /// 0 marks an empty slot: sequence numbers start at 1.
        var sequence: UInt64
    }

    private var slots: [Entry]
    private var mask: Int
    private(set) var count = 0

    /// Starts small and doubles whenever it is half full: its entries never outnumber the
    /// ring's events, so it grows only as far as the ring is large.
    init() {
        slots = Array(repeating: Entry(key: 0, sequence: 0), count: 64)
        mask = slots.count - 1
    }

    func sequence(forKey key: UInt64) -> UInt64? {
        let (index, found) = slot(of: key)
        return found ? slots[index].sequence : nil
    }

    /// Makes `sequence` the key's value; returns the value it replaces, if any.
    mutating func updateValue(_ sequence: UInt64, forKey key: UInt64) -> UInt64? {
        precondition(sequence != 0, "sequence numbers start at 1")
        if (count + 1) * 2 > slots.count { grow() }
        let (index, found) = slot(of: key)
        guard found else {
            slots[index] = Entry(key: key, sequence: sequence)
            count += 1
            return nil
        }
        defer { slots[index].sequence = sequence }
        return slots[index].sequence
    }

    /// Removes the key's entry if its value is `sequence` (the message's newest event is the
    /// one leaving), and leaves it otherwise.
    mutating func remove(_ key: UInt64, ifSequence sequence: UInt64) {
        let (index, found) = slot(of: key)
        guard found, slots[index].sequence == sequence else { return }
        count -= 1
        // Shift back each following entry of the run that may sit in the hole: one whose home
        // slot is not between the hole and where it sits.
        var hole = index
        var next = (hole + 1) & mask
        while slots[next].sequence != 0 {
            if (next - home(of: slots[next].key)) & mask >= (next - hole) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Entry(key: 0, sequence: 0)
    }

    /// The slot holding the key, or the empty one where it would go.
    private func slot(of key: UInt64) -> (index: Int, found: Bool) {
        var index = home(of: key)
        while slots[index].sequence != 0 {
            if slots[index].key == key { return (index, true) }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    private func home(of key: UInt64) -> Int { Int(truncatingIfNeeded: key) & mask }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Entry(key: 0, sequence: 0), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.sequence != 0 {
            var index = home(of: entry.key)
            while slots[index].sequence != 0 { index = (index + 1) & mask }
            slots[index] = entry
        }
    }
}
