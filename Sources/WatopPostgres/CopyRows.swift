import NIOCore
import WatopCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: values apart by tabs, `\N`
/// for NULL, backslash escapes for the characters that would break a row.
///
/// Text from a callback is untrusted: a NUL byte, which PostgreSQL's text can't hold, becomes
/// U+FFFD, and bytes that are not UTF-8 are repaired the same way, so that one odd callback can
/// never make a whole batch fail, again and again.
struct CopyRows {
    private(set) var buffer: ByteBuffer
    private var first = true

    init(allocator: ByteBufferAllocator = ByteBufferAllocator()) {
        buffer = allocator.buffer(capacity: 64 * 1024)
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        first = true
    }

    private mutating func separate() {
        if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
        first = false
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func integer(_ value: Int64?) {
        guard let value else { return null() }
        separate()
        buffer.writeString(String(value))
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        value.withUTF8 { text(bytes: $0) }
    }

    mutating func text(bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        let plain = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\\") }
        if plain {
            buffer.writeBytes(bytes)
            return
        }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\\": buffer.writeStaticString("\\\\")
            case "\n": buffer.writeStaticString("\\n")
            case "\r": buffer.writeStaticString("\\r")
            case "\t": buffer.writeStaticString("\\t")
            case "\0": buffer.writeString("\u{FFFD}")
            default: buffer.writeString(String(scalar))
            }
        }
    }

    /// A `bytea` value, in its hex form; empty is NULL.
    mutating func bytes(_ value: UnsafeBufferPointer<UInt8>) {
        guard !value.isEmpty else { return null() }
        separate()
        // `\x` starts bytea's hex form; the backslash itself is escaped for COPY.
        buffer.writeStaticString("\\\\x")
        let digits: StaticString = "0123456789abcdef"
        // Written in one reservation: a write per digit, a body's bytes twice over, would
        // check the buffer's room and its ownership at every one.
        digits.withUTF8Buffer { digits in
            _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: value.count * 2) { out in
                for (index, byte) in value.enumerated() {
                    out[2 * index] = digits[Int(byte >> 4)]
                    out[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return value.count * 2
            }
        }
    }

    mutating func cell(_ cell: HistoryRecord.Cell) {
        switch cell {
        case .null: null()
        case .integer(let value): integer(value)
        case .text(let bytes): text(bytes: bytes)
        }
    }
}
