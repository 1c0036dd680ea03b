/// A value to look for, compiled once into lowercase bytes so that testing an event neither
/// allocates nor lowercases whole strings. Letters compare ignoring ASCII case; other text
/// (Devanagari, emoji) compares exactly, as it has no case or needs no folding for search.
struct FilterPattern: Sendable {
    /// The text between `*` wildcards; a pattern without `*` has exactly one segment.
    let segments: [[UInt8]]

    /// A whole-value pattern: `*` matches any run of characters, including none.
    init(wildcard text: Substring) {
        segments = text.split(separator: "*", omittingEmptySubsequences: false).map(Self.folded)
    }

    /// A pattern that matches values containing `text` anywhere.
    init(containing text: Substring) {
        segments = [[], Self.folded(text), []]
    }

    private static func folded(_ text: Substring) -> [UInt8] { text.utf8.map(ASCII.lowercased) }

    /// For a pattern made `containing` a text: whether the text is in any of the values
    /// `eachValue` offers to the test it is given. The text is taken in hand once for all of
    /// them: free text tests every field of a million events.
    func isFound(inAnyOf eachValue: ((UnsafeBufferPointer<UInt8>) -> Bool) -> Bool) -> Bool {
        segments.withUnsafeBufferPointer { segments in
            assert(segments.count == 3 && segments[0].isEmpty && segments[2].isEmpty, "not a containing pattern")
            return segments[1].withUnsafeBufferPointer { text in
                text.isEmpty || eachValue { Self.find(text, in: $0, from: 0, before: $0.count) != nil }
            }
        }
    }

    func matches(_ value: String?) -> Bool {
        value?.withUTF8Bytes(matches) ?? false
    }

    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The segments are read in place: copying them out would retain each array per event.
        segments.withUnsafeBufferPointer { segments in
            let firstCount = segments[0].count
            if segments.count == 1 { return bytes.count == firstCount && Self.equal(bytes, at: 0, segments[0]) }
            let lastCount = segments[segments.count - 1].count
            guard bytes.count >= firstCount + lastCount, Self.equal(bytes, at: 0, segments[0]),
                Self.equal(bytes, at: bytes.count - lastCount, segments[segments.count - 1])
            else { return false }
            // Middle segments must appear in order between the anchored ends; the leftmost
            // occurrence of each leaves the most room for the rest, so greedy search is exact.
            var position = firstCount
            let end = bytes.count - lastCount
            for index in 1..<(segments.count - 1) where !segments[index].isEmpty {
                guard let found = Self.find(segments[index], in: bytes, from: position, before: end) else { return false }
                position = found + segments[index].count
            }
            return true
        }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ segment: [UInt8]) -> Bool {
        segment.withUnsafeBufferPointer { equal(bytes, at: offset, $0) }
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, _ segment: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        for index in 0..<segment.count where ASCII.lowercased(bytes[offset + index]) != segment[index] { return false }
        return true
    }

    private static func find(_ segment: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int)
        -> Int?
    {
        segment.withUnsafeBufferPointer { find($0, in: bytes, from: start, before: end) }
    }

    /// Where `segment` (lowercase) first occurs in `bytes[start..<end]`, letters compared
    /// ignoring case.
    private static func find(
        _ segment: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int
    ) -> Int? {
        guard end - start >= segment.count, let first = segment.first else { return nil }
        // Most positions fail on their first byte: test it alone before comparing the rest.
        // Free text runs this over every field of a million events.
        var offset = start
        while offset <= end - segment.count {
            if ASCII.lowercased(bytes[offset]) == first, equal(bytes, at: offset, segment) { return offset }
            offset += 1
        }
        return nil
    }
}
