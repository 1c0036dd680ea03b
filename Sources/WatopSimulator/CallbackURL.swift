/// Where simulated callbacks go: an `http://host:port/path?query` URL.
public struct CallbackURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Path plus any query the user gave (a token, say); callback fields are appended to it.
    public var target: String

    /// Parses `http://HOST[:PORT][/PATH][?QUERY]`; the error names what is wrong.
    public init(parsing text: String) throws(SimulationError) {
        guard text.hasPrefix("http://") else {
            throw text.hasPrefix("https://")
                ? .badURL("\(text): https is not supported; point the simulator at watop's own http address")
                : .badURL("\(text): expected http://HOST:PORT/PATH")
        }
        let rest = text.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        var hostPart = Substring(authority)
        var port = 80
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()) else { throw .badURL("\(text): bad port") }
                port = parsed
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            guard let parsed = Int(authority[authority.index(after: colon)...]) else {
                throw .badURL("\(text): bad port")
            }
            port = parsed
        }
        guard !hostPart.isEmpty else { throw .badURL("\(text): no host") }
        guard (1...65_535).contains(port) else { throw .badURL("\(text): port \(port) is outside 1–65535") }
        host = String(hostPart)
        self.port = port
        target = path
    }

    /// The target with `query` appended to whatever query it already has.
    public func target(appending query: String) -> String {
        target + (target.contains("?") ? "&" : "?") + query
    }

    public var description: String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(target)"
    }
}

/// Why a simulation could not run, in words for the person who started it.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    case badURL(String)
    case unreachable(String)

    public var description: String {
        switch self {
        case .badURL(let text): "bad --url \(text)"
        case .unreachable(let text): text
        }
    }
}
