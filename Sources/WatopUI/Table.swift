/// A column of a table.
struct TableColumn: Sendable {
    enum Alignment: Sendable { case left, right }

    var title: String
    /// The width of a fixed column, or the least a flexible one needs.
    var width: Int
    var alignment = Alignment.left
    /// A flexible column shares the width left over by the fixed ones.
    var flexible = false
    /// When the table is too narrow, columns with the lowest priority are left out first.
    var priority = 0
    /// The width its content needs: columns short of it share spare columns first, evenly
    /// (a message id shown whole rather than a blank message column).
    var wanted: Int?
}

/// A table drawn with a header row; each row has one span per column.
struct Table {
    var columns: [TableColumn]
    var rows: [[Span]]
    /// The row drawn in the selection role, if any.
    var highlighted: Int?

    /// The columns that fit in `width`, in their order, with the widths they get.
    func fitted(to width: Int) -> [(index: Int, width: Int)] {
        var kept = Set<Int>()
        var used = 0
        for index in columns.indices.sorted(by: { columns[$0].priority > columns[$1].priority }) {
            let needed = columns[index].width + (kept.isEmpty ? 0 : 1)
            if used + needed <= width {
                kept.insert(index)
                used += needed
            }
        }
        var spare = width - used
        var widths = Dictionary(uniqueKeysWithValues: kept.map { ($0, columns[$0].width) })
        func shortfall(_ index: Int) -> Int { (columns[index].wanted ?? 0) - widths[index, default: 0] }
        // Even shares, the first columns taking what an uneven split leaves.
        var wanting = kept.sorted().filter { shortfall($0) > 0 }
        while spare > 0, !wanting.isEmpty {
            let share = max(1, spare / wanting.count)
            for index in wanting where spare > 0 {
                let extra = min(share, shortfall(index), spare)
                widths[index, default: 0] += extra
                spare -= extra
            }
            wanting.removeAll { shortfall($0) <= 0 }
        }
        let flexible = kept.filter { columns[$0].flexible }.sorted()
        return kept.sorted().map { index in
            guard let share = flexible.firstIndex(of: index) else { return (index, widths[index, default: 0]) }
            // The first flexible columns take the remainder of an uneven split.
            let extra = spare / flexible.count + (share < spare % flexible.count ? 1 : 0)
            return (index, widths[index, default: 0] + extra)
        }
    }

    /// Draws the header and the rows that fit; returns how many rows did not, for the panel
    /// to say so (`Grid.noteLeftOut`).
    @discardableResult
    func draw(in grid: inout Grid, _ rect: Rect) -> Int {
        guard !rect.isEmpty else { return rows.count }
        let layout = fitted(to: rect.width)
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .tableHeader)
        drawRow(columns.map { Span($0.title, .tableHeader) }, layout: layout, in: &grid, x: rect.x, y: rect.y)
        for (number, row) in rows.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + number
            if number == highlighted {
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection)
                drawRow(row.map { Span($0.text, .selection) }, layout: layout, in: &grid, x: rect.x, y: y)
            } else {
                drawRow(row, layout: layout, in: &grid, x: rect.x, y: y)
            }
        }
        return max(0, rows.count - max(0, rect.height - 1))
    }

    private func drawRow(_ spans: [Span], layout: [(index: Int, width: Int)], in grid: inout Grid, x: Int, y: Int) {
        var column = x
        for (index, width) in layout {
            let span = spans[index]
            if columns[index].alignment == .right {
                grid.writeRightAligned(span.text, rightEdge: column + width, y: y, limit: width, role: span.role)
            } else {
                grid.write(span.text, x: column, y: y, limit: width, role: span.role)
            }
            column += width + 1
        }
    }
}
