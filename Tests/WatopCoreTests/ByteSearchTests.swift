import Foundation
import Testing
@testable import WatopCore

@Suite struct ByteSearchTests {
    /// Every position of the byte, from every start, in runs shorter and longer than a step,
    /// among bytes that differ from it by one bit (high bit included) so a loose test would match.
    @Test func findsTheFirstMatchFromAnyStart() {
        for length in 0..<27 {
            for position in 0...length {
                var bytes = (0..<length).map { UInt8(truncatingIfNeeded: 0x26 ^ (1 << ($0 % 8))) }
                if position < length { bytes[position] = 0x26 }
                if position + 3 < length { bytes[position + 3] = 0x26 }
                bytes.withUnsafeBufferPointer { buffer in
                    for start in 0...length {
                        let expected = bytes.indices.first { $0 >= start && bytes[$0] == 0x26 } ?? length
                        #expect(ByteSearch.firstIndex(of: 0x26, in: buffer, from: start) == expected)
                    }
                }
            }
        }
        #expect(ByteSearch.firstIndex(of: 0x26, in: UnsafeBufferPointer(start: nil, count: 0), from: 0) == 0)
    }

    @Test func pairsAreSplitAtEachAmpersandAndTheirFirstEquals() {
        var pairs: [String] = []
        let query = Array("a=1&&b&=x&long_name_beyond_a_step=v=w&é=ü&".utf8)
        query.withUnsafeBufferPointer { bytes in
            FormDecoding.forEachPair(in: bytes) { name, value in
                pairs.append(String(decoding: name, as: UTF8.self) + "|" + String(decoding: value, as: UTF8.self))
            }
        }
        #expect(pairs == ["a|1", "b|", "|x", "long_name_beyond_a_step|v=w", "é|ü"])
    }
}
