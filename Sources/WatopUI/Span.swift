/// A run of text in one role; a line of a view is an array of spans.
struct Span: Sendable {
    var text: String
    var role: StyleRole

    init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }
}

extension Grid {
    /// Writes spans one after another from `x`, within `limit` columns; returns the end column.
    @discardableResult
    mutating func write(_ spans: [Span], x: Int, y: Int, limit: Int) -> Int {
        var column = x
        for span in spans where column < x + limit {
            column += write(span.text, x: column, y: y, limit: x + limit - column, role: span.role)
        }
        return column
    }
}
