extension Grid {
    /// Draws a panel's frame with its title in the top border and returns the inside.
    /// Too small for a frame, it draws nothing and returns an empty rectangle.
    @discardableResult
    mutating func box(_ rect: Rect, title: String, note: String = "", focused: Bool) -> Rect {
        guard rect.width >= 4, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border: StyleRole = focused ? .borderFocused : .border
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        write("┌" + String(repeating: "─", count: rect.width - 2) + "┐", x: rect.x, y: rect.y, role: border)
        for y in (rect.y + 1)..<bottom {
            write("│", x: rect.x, y: y, role: border)
            write("│", x: right, y: y, role: border)
        }
        write("└" + String(repeating: "─", count: rect.width - 2) + "┘", x: rect.x, y: bottom, role: border)
        let titleEnd = write(
            " \(title) ", x: rect.x + 1, y: rect.y, limit: rect.width - 2, role: focused ? .panelTitleFocused : .panelTitle)
        if !note.isEmpty, rect.width - 2 - titleEnd > 4 {
            write(" \(note) ", x: rect.x + 1 + titleEnd, y: rect.y, limit: rect.width - 3 - titleEnd, role: .muted)
        }
        return rect.inset(by: 1)
    }

    /// A view that fills the body with text: a focused box holding `lines` (made for its
    /// inside's width), scrolled by `scroll` lines, kept within them.
    mutating func scrolledText(_ rect: Rect, title: String, scroll: Int, lines: (_ width: Int) -> [[Span]]) {
        let inside = box(rect, title: title, note: "Esc back · ↑↓ scroll", focused: true)
        guard !inside.isEmpty else { return }
        let content = lines(inside.width)
        let scroll = min(scroll, max(0, content.count - inside.height))
        for (offset, line) in content.dropFirst(scroll).prefix(inside.height).enumerated() {
            write(line, x: inside.x, y: inside.y + offset, limit: inside.width)
        }
    }

    /// A view that fills the body: a focused box holding a table, or `emptyText` when there
    /// are no rows; rows that do not fit are counted in the bottom border.
    mutating func tableView(
        _ rect: Rect, title: String, note: String, emptyText: String, columns: [TableColumn], rows: [[Span]]
    ) {
        let inside = box(rect, title: title, note: note, focused: true)
        guard !inside.isEmpty else { return }
        guard !rows.isEmpty else {
            write(emptyText, x: inside.x, y: inside.y, limit: inside.width, role: .muted)
            return
        }
        noteLeftOut(Table(columns: columns, rows: rows).draw(in: &self, inside), inBoxOf: inside)
    }

    /// Says in the bottom border of the box whose inside is `inside` that `count` rows did not
    /// fit, so that a short panel never drops rows unseen.
    mutating func noteLeftOut(_ count: Int, inBoxOf inside: Rect) {
        guard count > 0, inside.width >= 4 else { return }
        write(" +\(Format.count(count)) more ", x: inside.x + 1, y: inside.maxY, limit: inside.width - 2, role: .muted)
    }
}
