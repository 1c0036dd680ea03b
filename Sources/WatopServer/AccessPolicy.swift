import Foundation
import NIOHTTP1

/// Who may post callbacks: the credentials a Kaleyra callback profile can send (a custom
/// header, Basic authentication, or a bearer token). With none configured, anyone may.
public struct AccessPolicy: Sendable {
    /// One accepted credential; a request passes when it carries any of them.
    public enum Credential: Sendable, Equatable {
        /// A static header, e.g. `X-Api-Key: s3cret`.
        case header(name: String, value: String)
        /// `Authorization: Basic base64(user:password)`.
        case basic(user: String, password: String)
        /// `Authorization: Bearer T`, or `?token=T` in the query.
        case token(String)
    }

    public let credentials: [Credential]
    /// The lowercased names of the headers whose values are secrets, worked out once rather
    /// than for every request kept.
    private let secretHeaderNames: Set<String>

    public static let open = AccessPolicy(credentials: [])

    public init(credentials: [Credential]) {
        self.credentials = credentials
        secretHeaderNames = Set(
            ["authorization"]
                + credentials.compactMap { if case .header(let name, _) = $0 { name.lowercased() } else { nil } })
    }

    public var requiresCredentials: Bool { !credentials.isEmpty }

    /// The `WWW-Authenticate` challenge for a 401, when a standard scheme is configured.
    public var challenge: String? {
        if credentials.contains(where: { if case .basic = $0 { true } else { false } }) {
            return "Basic realm=\"watop\", charset=\"UTF-8\""
        }
        if credentials.contains(where: { if case .token = $0 { true } else { false } }) {
            return "Bearer realm=\"watop\""
        }
        return nil
    }

    /// Whether a request with these headers and query carries an accepted credential. Every
    /// secret is compared in constant time, so the time taken says nothing of how close a guess was.
    public func admits(headers: HTTPHeaders, query: Substring) -> Bool {
        guard requiresCredentials else { return true }
        var admitted = false
        for credential in credentials {
            // No early exit: each configured credential is checked every time.
            admitted = matches(credential, headers: headers, query: query) || admitted
        }
        return admitted
    }

    private func matches(_ credential: Credential, headers: HTTPHeaders, query: Substring) -> Bool {
        switch credential {
        case .header(let name, let value):
            return headers[name].contains { ConstantTime.equal($0, value) }
        case .basic(let user, let password):
            let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            return headers["authorization"].contains { ConstantTime.equal($0, expected) }
        case .token(let token):
            let bearer = headers["authorization"].contains { ConstantTime.equal($0, "Bearer " + token) }
            let inQuery = Self.queryTokens(query).contains { ConstantTime.equal($0, token) }
            return bearer || inQuery
        }
    }

    /// The raw request as it may be kept and shown: the values of secret-bearing headers and of
    /// a `token` query parameter are replaced, so that no secret reaches a screen or a file.
    /// The headers are written into `kept` (emptied first), which a connection reuses for
    /// every request.
    public func redacted(headers: HTTPHeaders, target: String, into kept: inout [(name: String, value: String)]) -> String {
        kept.removeAll(keepingCapacity: true)
        guard requiresCredentials else {
            for header in headers { kept.append(header) }
            return target
        }
        for header in headers {
            kept.append(secretHeaderNames.contains(header.name.lowercased()) ? (header.name, Self.redactedMark) : header)
        }
        guard let mark = target.firstIndex(of: "?") else { return target }
        let query = target[target.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map {
            $0.hasPrefix("token=") ? "token=" + Self.redactedMark : String($0)
        }
        return String(target[...mark]) + query.joined(separator: "&")
    }

    static let redactedMark = "[redacted]"

    /// Whether a header carries one of watop's own credentials, which are for watop and never
    /// passed on to the app.
    public func isOwnCredential(headerName name: String) -> Bool {
        requiresCredentials && secretHeaderNames.contains(name.lowercased())
    }

    /// The query without watop's own `token` parameter, when `--token` is configured.
    public func withoutOwnToken(_ query: Substring) -> Substring {
        guard credentials.contains(where: { if case .token = $0 { true } else { false } }), query.contains("token=") else {
            return query
        }
        return Substring(query.split(separator: "&", omittingEmptySubsequences: false).filter { !$0.hasPrefix("token=") }
            .joined(separator: "&"))
    }

    private static func queryTokens(_ query: Substring) -> [String] {
        query.split(separator: "&").compactMap { pair in
            pair.hasPrefix("token=") ? String(pair.dropFirst("token=".count)).removingPercentEncoding : nil
        }
    }
}

/// Comparison whose time depends only on the lengths involved, never on where texts differ.
enum ConstantTime {
    static func equal(_ candidate: String, _ secret: String) -> Bool {
        let a = Array(candidate.utf8)
        let b = Array(secret.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count) | (a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
