/// A message id hashed twice, with independent results: `primary` keys the tables, and
/// `check` stands in for the id where it is not kept.
///
/// The message table outlives the ring, so it cannot compare ids through the events (as the
/// lifecycle index does); keeping every id would more than double its bytes per message. Two
/// ids agree on both words with odds of 2⁻¹²⁸ per pair, about 10⁻²⁷ among a million messages.
struct MessageKey: Sendable, Equatable {
    let primary: UInt64
    let check: UInt64

    init(id: UnsafeBufferPointer<UInt8>) {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(id))
        primary = UInt64(bitPattern: Int64(hasher.finalize()))
        // A prefix the first hash lacks makes the second an independent draw of the same keyed hash.
        var checker = Hasher()
        checker.combine(UInt8(1))
        checker.combine(bytes: UnsafeRawBufferPointer(id))
        check = UInt64(bitPattern: Int64(checker.finalize()))
    }

    init(id: String) {
        var id = id
        self = id.withUTF8 { MessageKey(id: $0) }
    }
}
