/// Writes bytes forward into room its caller has already made at the end of an array
/// (`[UInt8].append(upTo:_:)`).
///
/// For text written once per event at intake speed (the headless JSON lines): appending to an
/// array byte by byte checks its uniqueness and capacity on every byte, which costs more than
/// the bytes themselves. Every write is still checked against the room's end.
struct ByteCursor {
    private(set) var position: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    fileprivate init(_ room: UnsafeMutableBufferPointer<UInt8>) {
        position = room.baseAddress!
        end = position + room.count
    }

    /// The most bytes `writeQuoted` writes for `count` bytes of text: two quotes, and six
    /// (`\u00XX`) for a byte that must be escaped.
    static func maximumQuotedBytes(_ count: Int) -> Int { 2 + 6 * count }

    mutating func write(_ byte: UInt8) {
        precondition(position < end, "ByteCursor: wrote past the room made for it")
        position.initialize(to: byte)
        position += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        precondition(end - position >= bytes.count, "ByteCursor: wrote past the room made for it")
        position.initialize(from: source, count: bytes.count)
        position += bytes.count
    }

    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func write(_ text: String) {
        text.withUTF8Bytes { write($0) }
    }

    /// `value` in decimal.
    mutating func write(decimal value: UInt64) {
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)  // 40 bytes ≥ 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            var rest = value
            repeat {
                start -= 1
                scratch[start] = ASCII.digit(UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            write(UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[start...]))
        }
    }

    /// `value` with `width` digits, zero-padded (and cut to its last `width` digits).
    mutating func write(_ value: Int, digits width: Int) {
        precondition(end - position >= width, "ByteCursor: wrote past the room made for it")
        var rest = max(0, value)
        for offset in stride(from: width - 1, through: 0, by: -1) {
            (position + offset).initialize(to: ASCII.digit(UInt8(rest % 10)))
            rest /= 10
        }
        position += width
    }

    /// `value` as a JSON string literal. Control characters are escaped, so that a line stays
    /// one line and a terminal reading it is never driven by it; runs of bytes that need no
    /// escape (nearly all of them) are copied whole.
    mutating func writeQuoted(_ value: UnsafeBufferPointer<UInt8>) {
        write(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<value.count {
            let byte = value[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else { continue }
            write(UnsafeBufferPointer(rebasing: value[runStart..<index]))
            writeEscaped(byte)
            runStart = index + 1
        }
        write(UnsafeBufferPointer(rebasing: value[runStart...]))
        write(UInt8(ascii: "\""))
    }

    private mutating func writeEscaped(_ byte: UInt8) {
        write(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): write(byte)
        case 0x0A: write(UInt8(ascii: "n"))
        case 0x0D: write(UInt8(ascii: "r"))
        case 0x09: write(UInt8(ascii: "t"))
        default:
            write("u00")
            write(ASCII.hexDigit(byte >> 4))
            write(ASCII.hexDigit(byte & 0xF))
        }
    }
}

extension [UInt8] {
    /// Makes room for at most `bound` bytes at the end, lets `body` write them through a
    /// cursor, and keeps what it wrote.
    mutating func append(upTo bound: Int, _ body: (inout ByteCursor) -> Void) {
        append(addingCapacity: bound) { span in
            span.withUnsafeMutableBufferPointer { room, count in
                var cursor = ByteCursor(UnsafeMutableBufferPointer(rebasing: room[count...]))
                let start = cursor.position
                body(&cursor)
                count += cursor.position - start
            }
        }
    }
}
