/// The whole screen as cells: what `render` produces and the terminal paints.
///
/// Text enters only through `write`, which makes it safe (see `SafeText`), so no callback
/// string can reach the terminal unescaped. Writes outside the grid are clipped, so drawing
/// code never has to guard against tiny terminals.
public struct Grid: Equatable, Sendable {
    public let size: TerminalSize
    public private(set) var cells: [Cell]

    public init(size: TerminalSize, role: StyleRole = .text) {
        self.size = size
        cells = Array(repeating: .blank(role), count: size.columns * size.rows)
    }

    public var width: Int { size.columns }
    public var height: Int { size.rows }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Paints `rect` with blanks in `role`.
    mutating func fill(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { put(Cell.blank(role), x: x, y: y) }
        }
    }

    /// Changes the role of the cells of `rect`, keeping their text (for highlighting a row).
    mutating func restyle(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x].role = role }
        }
    }

    /// Writes `text` from column `x` of row `y`, using at most `limit` columns (to the right
    /// edge when nil). Text that does not fit ends in `…`. Returns the columns used.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, limit: Int? = nil, role: StyleRole) -> Int {
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        guard y >= 0, y < height, x < end else { return 0 }
        var column = x
        var lastStart = x
        var truncated = false
        SafeText.forEachCell(in: text) { cellText, cellWidth in
            guard column + cellWidth <= end else {
                truncated = true
                return false
            }
            put(Cell(text: cellText, role: role, columns: cellWidth), x: column, y: y)
            lastStart = column
            column += cellWidth
            return true
        }
        if truncated {
            // Make room for the ellipsis in the last column, over whatever cell is there.
            let at = column < end ? column : lastStart
            put(Cell(text: "…", role: role, columns: 1), x: at, y: y)
            if at + 1 < end { put(.blank(role), x: at + 1, y: y) }
            column = end
        }
        return column - x
    }

    /// Writes `text` right-aligned so that it ends at column `rightEdge` (exclusive).
    @discardableResult
    mutating func writeRightAligned(_ text: String, rightEdge: Int, y: Int, limit: Int, role: StyleRole) -> Int {
        let columns = min(SafeText.width(of: text), limit)
        return write(text, x: rightEdge - columns, y: y, limit: columns, role: role)
    }

    /// Places one cell, keeping wide characters whole: a wide character that is partly
    /// overwritten is replaced by blanks, and one that would cross the edge becomes a blank.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, y < height, x < width else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 { cells[index - 1] = .blank(cells[index - 1].role) }
        if cells[index].columns == 2, x + 1 < width { cells[index + 1] = .blank(cells[index + 1].role) }
        guard cell.columns == 2 else {
            cells[index] = cell
            return
        }
        guard x + 1 < width else {
            cells[index] = .blank(cell.role)
            return
        }
        if cells[index + 1].columns == 2, x + 2 < width { cells[index + 2] = .blank(cells[index + 2].role) }
        cells[index] = cell
        cells[index + 1] = Cell(text: "", role: cell.role, columns: 0)
    }

    /// The rows as plain text (continuations skipped, trailing blanks trimmed): for tests
    /// and screenshots of the screen as data.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
