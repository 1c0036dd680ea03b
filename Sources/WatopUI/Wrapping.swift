/// Breaks a line of spans into lines of at most `width` columns, by cells (values such as
/// URLs have no spaces to break at). Continuation lines start with `indent` blanks.
func wrapped(_ line: [Span], width: Int, indent: Int) -> [[Span]] {
    guard width > indent else { return [line] }
    var lines: [[Span]] = []
    var current: [Span] = []
    var column = 0
    for span in line {
        var text = ""
        SafeText.forEachCell(in: span.text) { cell, cellWidth in
            if column + cellWidth > width {
                if !text.isEmpty { current.append(Span(text, span.role)) }
                lines.append(current)
                current = [Span(String(repeating: " ", count: indent), span.role)]
                column = indent
                text = ""
            }
            text += cell
            column += cellWidth
            return true
        }
        if !text.isEmpty { current.append(Span(text, span.role)) }
    }
    lines.append(current)
    return lines
}
