/// An open-addressing index from a value's UTF-8 bytes to its slot in a list of names.
///
/// Written by hand because a new message looks up its group under six keys, and a `Dictionary`
/// keyed by `String` needs a new String of the bytes for each look-up (one it cannot look up by
/// borrowed bytes). Here a look-up hashes the bytes in place and compares them with the name.
/// The hash is the standard library's, seeded per process: the values come from callbacks, so a
/// sender cannot choose ones that collide.
struct SlotIndex: Sendable {
    /// Slot per bucket, 0 for an empty bucket (slots 0 and 1 are never named); a power of two long.
    private var buckets = [UInt16](repeating: 0, count: 8)
    /// Each named slot's hash, by slot, so that growing rehashes no name.
    private var hashes: [Int] = [0, 0]

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }

    /// Whether `name`'s UTF-8 is `bytes`, compared in place.
    static func equal(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(bytes) } ?? name.utf8.elementsEqual(bytes)
    }

    /// The slot whose name in `names` has these bytes, nil when none has.
    func slot(of bytes: UnsafeBufferPointer<UInt8>, hash: Int, in names: [String]) -> UInt16? {
        let mask = buckets.count - 1
        var bucket = hash & mask
        while case let slot = buckets[bucket], slot != 0 {
            if hashes[Int(slot)] == hash, Self.equal(names[Int(slot)], bytes) { return slot }
            bucket = (bucket + 1) & mask
        }
        return nil
    }

    /// Adds `slot`, the next one, under `hash`.
    mutating func insert(_ slot: UInt16, hash: Int) {
        precondition(Int(slot) == hashes.count)
        hashes.append(hash)
        // At most half full, so that a miss ends soon.
        if hashes.count * 2 > buckets.count {
            buckets = [UInt16](repeating: 0, count: buckets.count * 2)
            for named in 2..<hashes.count { place(UInt16(named)) }
        } else {
            place(slot)
        }
    }

    private mutating func place(_ slot: UInt16) {
        let mask = buckets.count - 1
        var bucket = hashes[Int(slot)] & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = slot
    }
}
