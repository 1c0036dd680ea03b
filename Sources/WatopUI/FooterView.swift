/// The footer: the keys that matter in the current view, from the key table.
enum FooterView {
    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, role: .footer)
        if let question = state.question {
            grid.write([Span(" " + question, .filterPrompt)], x: rect.x, y: rect.y, limit: rect.width)
            return
        }
        if let notice = state.notice {
            grid.write([Span(" " + notice, .warning)], x: rect.x, y: rect.y, limit: rect.width)
            return
        }
        var spans: [Span] = []
        for hint in KeyTable.footer(for: state.mode) {
            spans += [Span(" " + hint.keys, .footerKey), Span(" " + hint.word + " ", .footer)]
        }
        let end = grid.write(spans, x: rect.x, y: rect.y, limit: rect.width)
        let note = "theme \(state.themeName) · times UTC "
        if rect.maxX - end > note.count + 1 {
            grid.writeRightAligned(note, rightEdge: rect.maxX, y: rect.y, limit: note.count, role: .footer)
        }
    }
}
