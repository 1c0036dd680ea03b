import Foundation
import WatopCore

/// Where a PostgreSQL history is: `postgres://USER@HOST:PORT/DB`, with `?sslmode=` as libpq
/// reads it (`disable`, `prefer`, `require`, `verify-full`). The password is never in the
/// URL a user types on a command line: it comes as the other secrets do (`env:`, `file:`).
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        case disable
        case prefer
        /// Encrypted, without checking the server's certificate (libpq's `require`).
        case require
        /// Encrypted, with the certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    public init(parsing text: String) throws(HistoryError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw HistoryError("--store \(text) is no PostgreSQL URL: write postgres://USER@HOST:PORT/DB") }
        guard url.password == nil else {
            throw HistoryError("--store \(text): give the password with --store-password env:NAME or file:PATH, not in the URL")
        }
        guard let user = url.user, !user.isEmpty else { throw HistoryError("--store \(text) names no user: postgres://USER@HOST/DB") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw HistoryError("--store \(text) names no database: postgres://USER@HOST:PORT/DB")
        }
        var tls = TLSMode.prefer
        for item in url.queryItems ?? [] {
            guard item.name == "sslmode", let value = item.value else {
                throw HistoryError("--store \(text): \(item.name) is not understood; only sslmode is")
            }
            guard let mode = TLSMode(rawValue: value) else {
                throw HistoryError("--store \(text): sslmode=\(value) is none of disable, prefer, require, verify-full")
            }
            tls = mode
        }
        self.user = user
        self.host = host
        port = url.port ?? 5432
        self.database = database
        self.tls = tls
    }

    /// The URL without a password, as it may be shown.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)" }
}
