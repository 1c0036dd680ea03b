/// A strict RFC 8259 JSON parser over bytes.
///
/// Written by hand rather than using Foundation's JSONSerialization because that turns every
/// number into a Double (prices must stay exact), builds reference-counted Foundation objects
/// on the hot path, and offers no depth limit against hostile nesting.
public struct JSONParser {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var problem: String
        public var description: String { "\(problem) at byte \(offset)" }
    }

    /// Deeper documents are refused rather than risk the stack.
    public static let maximumDepth = 64

    /// - Parameter allowingTrailingCommas: accept a comma before `}` or `]`, which JSON forbids
    ///   but Kaleyra's own published v2 sample has; off unless a caller knowingly tolerates it.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, allowingTrailingCommas: Bool = false
    ) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.allowsTrailingCommas = allowingTrailingCommas
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the document") }
        return value
    }

    /// Parses a document whose top level should be an object, handing each member to `visit`
    /// as it is read rather than building the object: a callback needs each value once. Keys
    /// and string values are lent as bytes, in place or decoded into scratch storage, so that
    /// no String is made of them. Returns false, having visited nothing, when the top level is
    /// not an object.
    public static func forEachMember(
        ofObjectIn bytes: UnsafeBufferPointer<UInt8>, _ visit: (UnsafeBufferPointer<UInt8>, JSONMember) -> Void
    ) throws(Failure) -> Bool {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        guard parser.current == UInt8(ascii: "{") else { return false }
        try parser.parseMembers(depth: 1) { parser, key throws(Failure) in
            let value: FlatValue =
                parser.current == UInt8(ascii: "\"") ? .string(try parser.parseStringBytes()) : .other(try parser.parseValue(depth: 1))
            parser.lend(key) { key in
                switch value {
                case .string(let text): parser.lend(text) { visit(key, .string($0)) }
                case .other(let other): visit(key, .value(other))
                }
            }
        }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the document") }
        return true
    }

    public static func parse(_ bytes: [UInt8], allowingTrailingCommas: Bool = false) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(Failure) in try parse(buffer, allowingTrailingCommas: allowingTrailingCommas) }
        }
        return try result.get()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var allowsTrailingCommas = false
    /// Strings with escapes, decoded, for the member being read.
    private var scratch: [UInt8] = []

    /// Where a string's bytes are: in the input when it had no escapes, else in `scratch`.
    private enum StringBytes {
        case input(Range<Int>)
        case scratch(Range<Int>)
    }

    /// A top-level member's value: a string's bytes, or anything else built whole.
    private enum FlatValue {
        case string(StringBytes)
        case other(JSONValue)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func failure(_ problem: String) -> Failure { Failure(offset: index, problem: problem) }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        guard let byte = current else { throw failure("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character '\(printable(byte))'")
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(16)
        try parseMembers(depth: depth) { parser, key throws(Failure) in
            let key = parser.lend(key) { String(decoding: $0, as: UTF8.self) }
            members.append((key, try parser.parseValue(depth: depth)))
        }
        return .object(members)
    }

    /// Reads an object from its `{`. For each member it reads the key, then lets `readValue`
    /// read the value from where the parser stands.
    private mutating func parseMembers(
        depth: Int, _ readValue: (inout JSONParser, StringBytes) throws(Failure) -> Void
    ) throws(Failure) {
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            if allowsTrailingCommas, current == UInt8(ascii: "}") {
                index += 1
                return
            }
            guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            // What this member decodes into `scratch` is let go once it has been read.
            let mark = scratch.count
            let key = try parseStringBytes()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw failure("expected ':' after key \"\(lend(key) { String(decoding: $0, as: UTF8.self) })\"")
            }
            index += 1
            skipWhitespace()
            try readValue(&self, key)
            scratch.removeSubrange(mark...)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return
            case nil: throw failure("unexpected end of input inside an object")
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    /// Lends the bytes of a string read by `parseStringBytes` (not checked to be UTF-8).
    private func lend<Result>(_ string: StringBytes, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch string {
        case .input(let range): body(UnsafeBufferPointer(rebasing: bytes[range]))
        case .scratch(let range): scratch.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if allowsTrailingCommas, current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            case nil: throw failure("unexpected end of input inside an array")
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count,
            memcmpEqual(word.utf8Start, bytes.baseAddress! + index, length)
        else { throw failure("invalid literal") }
        index += length
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, ASCII.isDigit(first) else { throw failure("invalid number") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let next = current, ASCII.isDigit(next) else { throw failure("invalid number") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let next = current, ASCII.isDigit(next) else { throw failure("invalid number") }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let byte = current, ASCII.isDigit(byte) { index += 1 }
    }

    private mutating func parseString() throws(Failure) -> String {
        let mark = scratch.count
        let string = try parseStringBytes()
        defer { scratch.removeSubrange(mark...) }
        return lend(string) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads a string from its opening quote. Without escapes (nearly always) its bytes are
    /// left where they are; with them, it is decoded onto the end of `scratch`.
    private mutating func parseStringBytes() throws(Failure) -> StringBytes {
        index += 1
        let start = index
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw failure("control character in a string") }
            index += 1
        }
        guard let stop = current else { throw failure("unterminated string") }
        if stop == UInt8(ascii: "\"") {
            index += 1
            return .input(start..<(index - 1))
        }
        let decodedStart = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return .scratch(decodedStart..<scratch.count)
            case UInt8(ascii: "\\"):
                try appendEscapeToScratch()
            case ..<0x20:
                index -= 1
                throw failure("control character in a string")
            default:
                scratch.append(byte)
            }
        }
    }

    private mutating func appendEscapeToScratch() throws(Failure) {
        guard let escape = current else { throw failure("unterminated string") }
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"),
                index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
            {
                index += 2
                let low = try parseHex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    scratch.append(contentsOf: Array("\u{FFFD}".utf8))
                    scalar = low
                }
            }
            let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            scratch.append(contentsOf: Array(String(character).utf8))
        default:
            index -= 1
            throw failure("invalid escape '\\\(printable(escape))'")
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = ASCII.hexValue(bytes[index]) else { throw failure("invalid \\u escape") }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for offset in 0..<count where a[offset] != b[offset] { return false }
    return true
}

/// A byte as it may safely appear in an error message.
private func printable(_ byte: UInt8) -> String {
    (0x21..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
}

/// A top-level member's value as `JSONParser.forEachMember` lends it.
public enum JSONMember {
    /// A string, escapes decoded, as bytes: valid only during the visit, and not yet checked
    /// to be UTF-8.
    case string(UnsafeBufferPointer<UInt8>)
    /// Anything else, built whole.
    case value(JSONValue)
}
