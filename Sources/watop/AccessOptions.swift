import ArgumentParser
import Foundation
import WatopServer

/// Who may post callbacks, from the command line. A secret may be given literally, or as
/// `env:NAME` or `file:PATH` so that it stays out of shell history and process listings.
///
/// Secrets are read once, by `RunSettings`: a second read could see a file that changed or a
/// pipe already drained, and must never quietly loosen what the first one allowed.
struct AccessOptions: ParsableArguments {
    @Option(
        name: .customLong("auth-header"),
        help: "Require this header, e.g. 'X-Api-Key: s3cret' (value also as env:NAME or file:PATH).")
    var authHeader: String?

    @Option(name: .customLong("basic-auth"), help: "Require Basic authentication: user:password (or env:NAME, file:PATH).")
    var basicAuth: String?

    @Option(help: "Require this token, as 'Authorization: Bearer T' or ?token=T (or env:NAME, file:PATH).")
    var token: String?

    @Option(name: .customLong("rate-limit"), help: "Requests per second allowed from each client address, e.g. 200/s.")
    var rateLimit: PerSecond?

    func policy() throws -> AccessPolicy {
        var credentials: [AccessPolicy.Credential] = []
        if let authHeader {
            let parts = authHeader.split(separator: ":", maxSplits: 1)
            let name = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty, !name.contains(" ") else {
                throw ValidationError("--auth-header '\(authHeader)' must look like 'Name: value'")
            }
            let value = try Self.secret(String(parts[1]).trimmingCharacters(in: .whitespaces), option: "--auth-header")
            credentials.append(.header(name: name, value: value))
        }
        if let basicAuth {
            let pair = try Self.secret(basicAuth, option: "--basic-auth")
            guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex else {
                throw ValidationError("--basic-auth must be user:password")
            }
            credentials.append(.basic(user: String(pair[..<colon]), password: String(pair[pair.index(after: colon)...])))
        }
        if let token {
            let value = try Self.secret(token, option: "--token")
            guard !value.isEmpty, !value.contains(where: \.isWhitespace) else {
                throw ValidationError("--token must be a non-empty word without spaces")
            }
            credentials.append(.token(value))
        }
        return AccessPolicy(credentials: credentials)
    }

    func requestsPerSecond() throws -> Double? {
        guard let rateLimit else { return nil }
        guard rateLimit.value >= 1 else {
            throw ValidationError("--rate-limit \(rateLimit.value) must be at least 1 request per second, e.g. 200/s")
        }
        return rateLimit.value
    }

    /// A literal secret, or one read from `env:NAME` or `file:PATH`. Error messages name the
    /// source, never the secret.
    static func secret(_ text: String, option: String) throws -> String {
        if text.hasPrefix("env:") {
            let name = String(text.dropFirst(4))
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw ValidationError("\(option) env:\(name): the environment variable \(name) is not set")
            }
            return value
        }
        if text.hasPrefix("file:") {
            let path = String(text.dropFirst(5))
            // A file handle reads to the end of a pipe too (`file:<(pass show token)`), where
            // `FileManager.contents` sees a zero size and gives up.
            guard let handle = FileHandle(forReadingAtPath: path), let data = try? (handle.readToEnd() ?? Data()) else {
                throw ValidationError("\(option) file:\(path): the file cannot be read")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        return text
    }
}
