import Foundation
import NIOCore
import NIOHTTP1
import WatopCore

/// What a callback becomes on its way to the app, decided without a socket.
///
/// Watop in front must not change what the app receives: the method, the body's bytes and
/// the headers pass as they came, apart from what belongs to one hop (RFC 9110 §7.6.1), the
/// credentials that are watop's own, and `X-Forwarded-*`, which only watop may set (a client
/// could otherwise claim any address).
public struct ForwardPlan: Sendable {
    let target: ForwardTarget
    let access: AccessPolicy
    /// Whether watop itself was reached over HTTPS, for `X-Forwarded-Proto`.
    let servesHTTPS: Bool

    public init(target: ForwardTarget, access: AccessPolicy, servesHTTPS: Bool) {
        self.target = target
        self.access = access
        self.servesHTTPS = servesHTTPS
    }

    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    func request(head: HTTPRequestHead, body: ByteBuffer?, clientAddress: String?) -> ForwardRequest {
        let (_, query) = RawRequest.split(target: head.uri)
        var headers = HTTPHeaders()
        headers.reserveCapacity(head.headers.count + 3)
        let named = Self.namedInConnection(head.headers)
        var originalHost: String?
        for (name, value) in head.headers {
            let lowered = name.lowercased()
            if lowered == "host" {
                originalHost = value
                continue
            }
            // The client recomputes the length from the body; 100-continue is between watop and the provider.
            if lowered == "content-length" || lowered == "expect" || lowered.hasPrefix("x-forwarded-") { continue }
            if Self.hopByHop.contains(lowered) || named.contains(lowered) || access.isOwnCredential(headerName: name) {
                continue
            }
            headers.add(name: name, value: value)
        }
        if let clientAddress { headers.add(name: "X-Forwarded-For", value: clientAddress) }
        headers.add(name: "X-Forwarded-Proto", value: servesHTTPS ? "https" : "http")
        if let originalHost { headers.add(name: "X-Forwarded-Host", value: originalHost) }
        return ForwardRequest(
            method: head.method, url: target.url(query: access.withoutOwnToken(query)), headers: headers, body: body)
    }

    /// A journaled request sent on again (queue mode): as it came, less the credentials the
    /// journal redacted, from the address it came from.
    public func request(replaying entry: JournalRecord.Entry) -> ForwardRequest {
        request(resending: entry.request, client: entry.client)
    }

    /// A kept request sent on again (a journal line, `R` in the detail view), less the
    /// credentials watop redacted when it kept it.
    public func request(resending kept: RawRequest, client: String?) -> ForwardRequest {
        var headers = HTTPHeaders()
        for (name, value) in kept.headers where value != AccessPolicy.redactedMark { headers.add(name: name, value: value) }
        let (path, query) = RawRequest.split(target: kept.target)
        let redactedToken = "token=" + AccessPolicy.redactedMark
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).filter { $0 != redactedToken }
        let target = pairs.isEmpty ? String(path) : path + "?" + pairs.joined(separator: "&")
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: kept.method), uri: target, headers: headers)
        let body = kept.bodyCount > 0 ? ByteBuffer(bytes: kept.body) : nil
        return request(head: head, body: body, clientAddress: client)
    }

    /// The headers a `Connection` header names as hop-by-hop, lowercased.
    static func namedInConnection(_ headers: HTTPHeaders) -> Set<String> {
        var named: Set<String> = []
        for value in headers["connection"] {
            for token in value.split(separator: ",") {
                named.insert(token.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        return named
    }
}
