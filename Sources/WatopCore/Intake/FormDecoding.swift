/// Decoding of `application/x-www-form-urlencoded` text, used for query strings and form bodies.
///
/// Follows the WHATWG URL standard: `+` is a space, `%XX` is a byte, a `%` not followed by
/// two hex digits stays as it is, and bytes that are not valid UTF-8 become U+FFFD. That way
/// a stray `%` in a free-text field costs nothing instead of losing the whole callback.
public enum FormDecoding {
    /// Calls `body` with each `name=value` pair in order, duplicates included, as raw
    /// (still encoded) bytes; a pair without `=` has an empty value. Nothing is allocated:
    /// the caller decodes only the values it wants.
    public static func forEachPair(
        in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        var start = 0
        while start < bytes.count {
            let pairEnd = ByteSearch.firstIndex(of: UInt8(ascii: "&"), in: bytes, from: start)
            if pairEnd > start {
                // Names are short: the `=` is looked for a byte at a time.
                var nameEnd = start
                while nameEnd < pairEnd, bytes[nameEnd] != UInt8(ascii: "=") { nameEnd += 1 }
                let valueStart = nameEnd < pairEnd ? nameEnd + 1 : pairEnd
                try body(
                    UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]),
                    UnsafeBufferPointer(rebasing: bytes[valueStart..<pairEnd]))
            }
            start = pairEnd + 1
        }
    }

    /// Whether `bytes` hold anything that decoding would change.
    public static func isEncoded(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }
    }

    /// Percent-decodes one component, `+` as space.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path: most values carry nothing to decode.
        if !isEncoded(bytes) { return String(decoding: bytes, as: UTF8.self) }
        // Decoding only shortens, so the encoded length is room enough: the bytes are written
        // straight into the String's storage (which repairs invalid UTF-8), with no array between.
        return String(unsafeUninitializedCapacity: bytes.count) { decode(bytes, into: $0) }
    }

    /// Appends the decoded bytes of one component to `buffer`, as they are (not yet checked
    /// to be UTF-8).
    static func append(decoding bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        buffer.append(addingCapacity: bytes.count) { span in
            span.withUnsafeMutableBufferPointer { room, count in
                count += decode(bytes, into: UnsafeMutableBufferPointer(rebasing: room[count...]))
            }
        }
    }

    /// Decodes `bytes` into `out`, which has room for as many; returns how many it wrote.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.initializeElement(at: written, to: UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = ASCII.hexValue(bytes[index + 1]), let low = ASCII.hexValue(bytes[index + 2])
            {
                out.initializeElement(at: written, to: high << 4 | low)
                index += 2
            } else {
                out.initializeElement(at: written, to: byte)
            }
            written += 1
            index += 1
        }
        return written
    }
}
