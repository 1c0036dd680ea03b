import PostgresNIO

/// A failure of the PostgreSQL client, in words: PSQLError describes itself as a generic text
/// (to keep queries and their values out of logs), which says nothing to the person running watop.
enum PostgresProblem {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] {
            let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + code
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
