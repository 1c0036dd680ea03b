/// Meta's webhook verification handshake: when a callback URL is registered, Meta calls
/// `GET …?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` and expects the challenge
/// back, as plain text, only if the token is the one the owner chose.
public struct MetaVerification: Sendable, Equatable {
    public let mode: String
    public let verifyToken: String
    public let challenge: String

    /// The handshake's parameters, or nil when the query is not a handshake (no `hub.mode`).
    /// This runs for every GET callback, so names are compared as bytes and only the hub
    /// values are decoded: an ordinary callback's query costs a walk and no allocation.
    public init?(query: Substring) {
        var mode: String?
        var token = ""
        var challenge = ""
        func read(_ bytes: UnsafeBufferPointer<UInt8>) {
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
