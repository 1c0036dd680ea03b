/// The request a callback came in, kept verbatim for the inspector. The listener bounds the
/// body by its `--max-body` limit before it gets here.
///
/// Its parts lie back to back in one heap block (method, target, each header as a
/// length-prefixed name and value, then the body), which the events of one webhook and the
/// journal share. Written by hand because thousands are held (`--raw-buffer`) and each is let
/// go of long after it came: kept as Strings and arrays, a request would be several allocations,
/// each a release and a free of memory long out of cache when it leaves.
///
/// Sendable by hand: the block is never written after `init` returns (the standard library
/// marks `ManagedBuffer` unavailable for Sendable because it cannot know that).
public struct RawRequest: @unchecked Sendable {
    private struct Layout {
        var methodCount = 0
        var targetCount = 0
        var headerCount = 0
        var headersByteCount = 0
        var bodyCount = 0

        var targetStart: Int { methodCount }
        var headersStart: Int { targetStart + targetCount }
        var bodyStart: Int { headersStart + headersByteCount }
        var byteCount: Int { bodyStart + bodyCount }
    }

    private final class Block: ManagedBuffer<Layout, UInt8> {}

    private let block: Block

    /// Header names and values are prefixed with their length in this many bytes.
    private static let lengthBytes = MemoryLayout<UInt32>.size

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self = body.withUnsafeBufferPointer { RawRequest(method: method, target: target, headers: headers, body: $0) }
    }

    /// Copies the parts into one new block. Concrete types throughout: this runs for every
    /// callback, from another module, where a generic one is not specialised.
    public init(method: String, target: String, headers: [(name: String, value: String)], body: UnsafeBufferPointer<UInt8>) {
        var layout = Layout(
            methodCount: method.utf8.count, targetCount: target.utf8.count, headerCount: headers.count,
            bodyCount: body.count)
        for header in headers {
            layout.headersByteCount += 2 * Self.lengthBytes + header.name.utf8.count + header.value.utf8.count
        }
        block = unsafeDowncast(Block.create(minimumCapacity: layout.byteCount) { _ in layout }, to: Block.self)
        block.withUnsafeMutablePointerToElements { start in
            var cursor = start
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                if let base = bytes.baseAddress { cursor.initialize(from: base, count: bytes.count) }
                cursor += bytes.count
            }
            func put(_ text: String) { text.withUTF8Bytes(put) }
            func putLengthPrefixed(_ text: String) {
                withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian) { put($0.assumingMemoryBound(to: UInt8.self)) }
                put(text)
            }
            put(method)
            put(target)
            for header in headers {
                putLengthPrefixed(header.name)
                putLengthPrefixed(header.value)
            }
            put(body)
        }
    }

    public var method: String { withPart(start: 0, count: layout.methodCount) { String(decoding: $0, as: UTF8.self) } }

    /// Path and query exactly as sent.
    public var target: String { withTarget { String(decoding: $0, as: UTF8.self) } }

    public var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(layout.headerCount)
        forEachHeader { name, value in
            headers.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return headers
    }

    public var body: [UInt8] { withBody { Array($0) } }

    public var bodyCount: Int { layout.bodyCount }

    /// The bytes the request's parts take in its block.
    public var byteCount: Int { layout.byteCount }

    /// Lends the target's bytes to `body`, in place.
    public func withTarget<Result, Failure>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        let layout = self.layout
        return try withPart(start: layout.targetStart, count: layout.targetCount, body)
    }

    /// Lends the body's bytes to `read`, in place.
    public func withBody<Result, Failure>(_ read: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        let layout = self.layout
        return try withPart(start: layout.bodyStart, count: layout.bodyCount, read)
    }

    /// The first header with this name, compared case-insensitively as HTTP requires.
    public func header(_ name: String) -> String? {
        name.withUTF8Bytes { name in
            var found: String?
            forEachHeader { candidate, value in
                if found == nil, asciiEqual(candidate, name, ignoringCase: true) { found = String(decoding: value, as: UTF8.self) }
            }
            return found
        }
    }

    /// The query string: everything after the first `?` of the target, or empty.
    public var query: Substring { Self.split(target: target).query }

    /// A request target's path and its query (after the first `?`; empty without one).
    /// Searched as bytes: a Character search walks grapheme boundaries, and the listener
    /// splits every request's target.
    public static func split(target: String) -> (path: Substring, query: Substring) {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return (target[...], "") }
        return (target[..<mark], target[target.utf8.index(after: mark)...])
    }

    /// Whether both are the one request (the events of one webhook share it), not merely alike.
    func isSameRequest(as other: RawRequest) -> Bool { block === other.block }

    private var layout: Layout { block.header }

    private func withPart<Result, Failure>(
        start: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try block.withUnsafeMutablePointerToElements { elements throws(Failure) in
            try body(UnsafeBufferPointer(start: elements + start, count: count))
        }
    }

    /// Lends each header's name and value, in order.
    private func forEachHeader(_ visit: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        let layout = self.layout
        withPart(start: layout.headersStart, count: layout.headersByteCount) { bytes in
            var offset = 0
            func next() -> UnsafeBufferPointer<UInt8> {
                let length = UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt32.self)
                let start = offset + Self.lengthBytes
                offset = start + Int(UInt32(littleEndian: length))
                return UnsafeBufferPointer(rebasing: bytes[start..<offset])
            }
            for _ in 0..<layout.headerCount {
                let name = next()
                visit(name, next())
            }
        }
    }
}
