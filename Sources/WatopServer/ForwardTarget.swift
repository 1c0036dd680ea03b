import Foundation

/// The app watop forwards to (`--forward-to`): an `http://` or `https://` base URL.
public struct ForwardTarget: Sendable, Equatable, CustomStringConvertible {
    public let isHTTPS: Bool
    public let host: String
    public let port: Int
    /// The URL's path without a trailing `/`; the callback's query is appended to it.
    public let basePath: String

    /// Parses `--forward-to`; the error names the value and what is wrong with it.
    public init(_ text: String) throws(ForwardTargetError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else { throw ForwardTargetError("--forward-to '\(text)' must be an http:// or https:// URL") }
        guard let host = components.host, !host.isEmpty else {
            throw ForwardTargetError("--forward-to '\(text)' has no host")
        }
        guard components.query == nil, components.fragment == nil else {
            throw ForwardTargetError("--forward-to '\(text)' must not have a query or fragment: the callback's own query is appended")
        }
        guard components.user == nil, components.password == nil else {
            throw ForwardTargetError("--forward-to '\(text)' must not carry credentials: the provider's headers are passed on")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw ForwardTargetError("--forward-to '\(text)' has port \(port), outside 1–65535")
        }
        isHTTPS = scheme == "https"
        // Some Foundation versions keep an IPv6 literal's brackets in `host`.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (isHTTPS ? 443 : 80)
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    /// The URL of a request with this query (which may be empty).
    public func url(query: Substring) -> String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        let defaultPort = isHTTPS ? 443 : 80
        let authority = port == defaultPort ? bracketed : "\(bracketed):\(port)"
        let path = basePath.isEmpty ? "/" : basePath
        return "\(isHTTPS ? "https" : "http")://\(authority)\(path)\(query.isEmpty ? "" : "?" + query)"
    }

    public var description: String { url(query: "") }
}

/// A `--forward-to` that cannot be used, in words for the person who gave it.
public struct ForwardTargetError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
