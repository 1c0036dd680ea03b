/// Meta's webhook verification handshake: when a callback URL is registered, Meta calls
/// `GET …?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` and expects the challenge
/// back, as plain text, only if the token is the one the owner chose.
public struct MetaVerification: Sendable, Equatable {
    public let mode: String
    public let verifyToken: String
    public let challenge: String

    /// The handshake's parameters, or nil when the query is not a handshake (no `hub.mode`).
    /// This runs for every GET callback, so an ordinary callback's query costs one pass over
    /// its bytes and no allocation; only a query naming `hub.` parameters is read as pairs.
    public init?(query: Substring) {
        var mode: String?
        var token = ""
        var challenge = ""
        func read(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard Self.mentionsHub(bytes) else { return }
            FormDecoding.forEachPair(in: bytes) { name, value in
                if asciiEqual(name, "hub.mode", ignoringCase: false) {
                    mode = FormDecoding.decode(value)
                } else if asciiEqual(name, "hub.verify_token", ignoringCase: false) {
                    token = FormDecoding.decode(value)
                } else if asciiEqual(name, "hub.challenge", ignoringCase: false) {
                    challenge = FormDecoding.decode(value)
                }
            }
        }
        if query.utf8.withContiguousStorageIfAvailable(read) == nil { Array(query.utf8).withUnsafeBufferPointer(read) }
        guard let mode else { return nil }
        self.mode = mode
        verifyToken = token
        self.challenge = challenge
    }

    /// Whether a parameter name starts with `hub.`: one tight pass that lets an ordinary
    /// callback's query skip the walk over its pairs.
    private static func mentionsHub(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4)
        where bytes[index] == UInt8(ascii: "h") && (index == 0 || bytes[index - 1] == UInt8(ascii: "&")) {
            if bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "b"), bytes[index + 3] == UInt8(ascii: ".") {
                return true
            }
        }
        return false
    }

    /// Why the challenge may not be echoed, apart from the token (which the listener compares
    /// in constant time): it is sent back verbatim, so only a short run of safe characters is.
    public var problem: String? {
        guard mode == "subscribe" else { return "hub.mode must be \"subscribe\"" }
        let safe = challenge.utf8.allSatisfy {
            $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
        guard safe, !challenge.isEmpty, challenge.utf8.count <= 256 else {
            return "hub.challenge must be 1 to 256 letters, digits, '-', '_' or '.'"
        }
        return nil
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
