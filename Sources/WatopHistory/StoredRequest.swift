import Foundation
import WatopCore

/// A request as the history keeps it: everything but the body past the store's limit.
public struct StoredRequest: Sendable {
    public let method: String
    public let target: String
    public let headers: [(name: String, value: String)]
    /// The headers as the `headers` column holds them: a JSON array of `[name, value]` pairs.
    public let headersJSON: String
    /// The body's first bytes, as many as the store keeps.
    public let body: [UInt8]
    /// How long the body was.
    public let bodyBytes: Int

    /// Reads the `headers` column: a JSON array of `[name, value]` pairs.
    static func headers(fromJSON text: String) throws(HistoryError) -> [(name: String, value: String)] {
        guard let document = try? JSONParser.parse(Array(text.utf8)), case .array(let pairs) = document else {
            throw HistoryError("a stored request's headers are not a JSON array")
        }
        return try pairs.map { pair throws(HistoryError) in
            guard case .array(let parts) = pair, parts.count == 2, case .string(let name) = parts[0],
                case .string(let value) = parts[1]
            else { throw HistoryError("a stored request's header is not a [name, value] pair") }
            return (name, value)
        }
    }
}
