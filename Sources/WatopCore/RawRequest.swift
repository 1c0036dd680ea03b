/// The request a callback came in, kept verbatim for the inspector. The listener bounds the
/// body by its `--max-body` limit before it gets here.
/// A class so that the events of one webhook, and the journal, share one allocation.
public final class RawRequest: Sendable {
    public let method: String
    /// Path and query exactly as sent.
    public let target: String
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively as HTTP requires.
    public func header(_ name: String) -> String? {
        headers.first { Self.sameIgnoringASCIICase($0.name, name) }?.value
    }

    private static func sameIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count
            && zip(a.utf8, b.utf8).allSatisfy { $0 == $1 || ($0 | 0x20 == $1 | 0x20 && ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
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
}
