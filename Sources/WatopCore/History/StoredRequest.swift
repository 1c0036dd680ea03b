/// A request as the history keeps it: everything but the body past the store's limit.
public struct StoredRequest: Sendable {
    public let method: String
    public let target: String
    public let headers: [(name: String, value: String)]
    /// The body's first bytes, as many as the store keeps.
    public let body: [UInt8]
    /// How long the body was.
    public let bodyBytes: Int

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8], bodyBytes: Int) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.bodyBytes = bodyBytes
    }

    /// Whether the store kept less of the body than came.
    public var isBodyCut: Bool { body.count < bodyBytes }

    /// The request as kept, to be shown as any other: its body as far as it was kept.
    public var kept: RawRequest { RawRequest(method: method, target: target, headers: headers, body: body) }

    /// The `headers` column of a request: one `Name: value` line each, HTTP's own form, which a
    /// header can't break (the listener refuses a line break in one).
    public static func lines(of headers: [(name: String, value: String)]) -> String {
        var text = ""
        for (name, value) in headers {
            text += name
            text += ": "
            text += value
            text += "\n"
        }
        return text
    }

    /// Reads the `headers` column.
    public static func headers(fromLines text: String) -> [(name: String, value: String)] {
        text.split(separator: "\n").map { line in
            guard let colon = line.firstIndex(of: ":") else { return (String(line), "") }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            return (String(line[..<colon]), String(value))
        }
    }

    /// The headers as a JSON array of `[name, value]` pairs, as the journal writes them.
    public var headersJSON: String { JSONObjectWriter.pairs(headers) }
}
