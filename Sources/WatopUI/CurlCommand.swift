import WatopCore

/// A kept request as a `curl` command that sends it again, for `y` in the detail view.
/// Credentials watop redacted stay redacted: the command never carries a secret.
public enum CurlCommand {
    /// - Parameter callbackURL: watop's callback URL, whose scheme and authority the request
    ///   was sent to.
    public static func make(for request: RawRequest, callbackURL: String) -> String {
        var parts = ["curl", "-X", request.method, quoted(origin(of: callbackURL) + request.target)]
        for header in request.headers where !["host", "content-length", "connection"].contains(header.name.lowercased()) {
            parts += ["-H", quoted("\(header.name): \(header.value)")]
        }
        if request.bodyCount > 0 { parts += ["--data-binary", quoted(request.body)] }
        return parts.joined(separator: " ")
    }

    /// `scheme://host:port` of a URL.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return String(url[..<schemeEnd.upperBound]) + (rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? "")
    }

    /// Quoted for a POSIX shell: in single quotes when the text is printable, else in `$'…'`
    /// with every other byte escaped, so that nothing in an untrusted value runs or breaks the line.
    static func quoted(_ text: String) -> String { quoted(Array(text.utf8)) }

    static func quoted(_ bytes: [UInt8]) -> String {
        let printable = bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F }
        if printable, let text = String(validating: bytes, as: UTF8.self) {
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
        }
        var out = "$'"
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: out += String(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out + "'"
    }
}
