import WatopCore

/// A kept request as lines, as it came: method and target, headers, then the body (JSON
/// pretty-printed). Every part is drawn through `SafeText` like any text from outside.
enum RequestLines {
    /// Each line with the indent its continuation lines take when wrapped.
    static func of(_ request: RawRequest) -> [(spans: [Span], indent: Int)] {
        var lines: [(spans: [Span], indent: Int)] = [([Span("  " + request.method + " ", .detailLabel), Span(request.target)], 2)]
        for header in request.headers {
            lines.append(([Span("  " + header.name + ": ", .detailLabel), Span(header.value)], 4))
        }
        lines.append(([], 2))
        lines += body(request.body).map { ([Span("  " + $0)], 2) }
        return lines
    }

    static func body(_ body: [UInt8]) -> [String] {
        guard !body.isEmpty else { return ["(no body)"] }
        if let document = try? JSONParser.parse(body) { return PrettyJSON.lines(document) }
        return String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
