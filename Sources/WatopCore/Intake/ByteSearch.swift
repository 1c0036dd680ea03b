/// Finding one byte value in a run of bytes, eight bytes at a step.
///
/// Written by hand because every callback's query is split at each `&`, and Meta's handshake
/// is looked for at each pair: testing a byte at a time is a large share of parsing a Kaleyra
/// query, and `memchr` costs a call for each of its fifteen pairs.
enum ByteSearch {
    /// The index of the first `byte` in `bytes` from `start` on; `bytes.count` when there is none.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = UInt64(byte) &* ones
        var index = start
        while index + 8 <= bytes.count {
            // Byte 0 in the low bits whatever the machine's byte order; bytes equal to `byte` become 0.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) ^ pattern
            // The high bit set in exactly the bytes of `word` that are zero (no false matches,
            // unlike the shorter `(word - ones) & ~word` form).
            let zeros = ~(((word & low7) &+ low7) | word | low7)
            if zeros != 0 { return index + zeros.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count, base[index] != byte { index += 1 }
        return index
    }
}
