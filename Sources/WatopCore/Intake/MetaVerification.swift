/// Meta's webhook verification handshake: when a callback URL is registered, Meta calls
/// `GET …?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` and expects the challenge
/// back, as plain text, only if the token is the one the owner chose.
public struct MetaVerification: Sendable, Equatable {
    public let mode: String
    public let verifyToken: String
    public let challenge: String

    /// The handshake's parameters, or nil when the query is not a handshake (no `hub.mode`).
    /// This runs for every GET callback, so an ordinary callback's query is only looked at
    /// where its pairs begin, without allocating; only a query naming `hub.` parameters is
    /// read as pairs.
    public init?(query: Substring) {
        var query = query
        guard query.withUTF8(Self.mentionsHub) else { return nil }
        var mode: String?
        var token = ""
        var challenge = ""
        query.withUTF8 { bytes in
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
        guard let mode else { return nil }
        self.mode = mode
        verifyToken = token
        self.challenge = challenge
    }

    /// Whether a parameter name starts with `hub.`. Jumps from one `&` to the next
    /// (`ByteSearch`) rather than testing every byte.
    private static func mentionsHub(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while bytes.count - start >= 4 {
            if bytes[start] == UInt8(ascii: "h"), bytes[start + 1] == UInt8(ascii: "u"), bytes[start + 2] == UInt8(ascii: "b"),
                bytes[start + 3] == UInt8(ascii: ".")
            {
                return true
            }
            start = ByteSearch.firstIndex(of: UInt8(ascii: "&"), in: bytes, from: start) + 1
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

extension RawRequest {
    /// Whether this is Meta's verification handshake rather than a callback.
    public var isMetaHandshake: Bool {
        method == "GET" && MetaVerification(query: RawRequest.split(target: target).query) != nil
    }
}
