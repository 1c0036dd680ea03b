import WatopCore

/// Every key, by the view it works in, and the filter syntax: generated from the key table
/// and the filter's own syntax list, so help never drifts from behaviour.
enum HelpOverlay {
    /// One line of help before wrapping to the overlay's width.
    private enum Entry {
        case title(String)
        /// A key (or filter example) in a column of `width`, and what it does.
        case item(String, width: Int, meaning: String)
        case blank
    }

    private static let keyWidth = 16
    private static let exampleWidth = 32
    /// The fewest columns a meaning takes beside its key: enough for the longest word of
    /// the filter syntax (`status:failed|not-sent`).
    private static let narrowest = 24

    private static let entries: [Entry] = {
        var out: [Entry] = []
        var listed = Set<String>()
        for mode in InputMode.allCases {
            let all = KeyTable.bindings.filter { $0.modes.contains(mode) }
            // Off the list, the moving keys scroll: one line says so instead of repeating
            // the list's wording.
            let scrolling = mode == .dashboard ? [] : all.filter(\.moves)
            let bindings = all.filter { !listed.contains($0.label + $0.summary) && (mode == .dashboard || !$0.moves) }
            guard !bindings.isEmpty || !scrolling.isEmpty else { continue }
            out.append(.title(title(of: mode)))
            if !scrolling.isEmpty {
                out.append(.item(scrolling.map(\.label).joined(separator: " "), width: keyWidth, meaning: "scroll"))
            }
            for binding in bindings {
                listed.insert(binding.label + binding.summary)
                out.append(.item(binding.label, width: keyWidth, meaning: binding.summary))
            }
            if mode == .filterPrompt {
                out.append(.item("any text", width: keyWidth, meaning: "typed into the filter; the list follows as you type"))
            }
            out.append(.blank)
        }
        out.append(.title("Filter syntax"))
        for entry in EventFilter.syntax { out.append(.item(entry.example, width: exampleWidth, meaning: entry.meaning)) }
        return out
    }()

    private static func title(of mode: InputMode) -> String {
        switch mode {
        case .dashboard: "Dashboard"
        case .filterPrompt: "Filter prompt"
        case .detail: "Detail view"
        case .rejections: RejectionsView.title
        case .notices: NoticesView.title
        case .alerts: AlertsView.title
        case .stuck: StuckView.title
        case .latency: LatencyView.title
        case .breakdown: BreakdownView.title
        case .history: HistoryView.title
        case .storedDetail: "Stored event"
        case .confirm: "A question on the footer"
        case .help: "Help"
        }
    }

    /// The help as lines of at most `width` columns: a meaning too long for its line goes on
    /// under itself, broken between words.
    static func lines(width: Int) -> [[Span]] {
        entries.flatMap { entry -> [[Span]] in
            switch entry {
            case .title(let text): return [[Span(text, .panelTitle)]]
            case .blank: return [[]]
            case .item(let key, let column, let meaning):
                let indent = 2 + max(column, SafeText.width(of: key) + 1)
                guard width - indent >= narrowest else {
                    // Too narrow beside the key: the meaning goes under it.
                    let under = brokenBetweenWords(meaning, width: width - 4).map { [Span("    ", .overlayKey), Span($0, .overlay)] }
                    return [[Span("  " + key, .overlayKey)]] + under
                }
                let broken = brokenBetweenWords(meaning, width: width - indent)
                return broken.enumerated().map { number, text in
                    let lead = number == 0 ? "  " + key.padded(to: indent - 2) : String(repeating: " ", count: indent)
                    return [Span(lead, .overlayKey), Span(text, .overlay)]
                }
            }
        }
    }

    /// `text` in lines of at most `width` columns, broken at spaces; a word longer than a
    /// line has one of its own.
    private static func brokenBetweenWords(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if SafeText.width(of: line) + 1 + SafeText.width(of: String(word)) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        return lines + [line]
    }

    /// As wide as its widest line needs, up to the screen less a column each side; centred,
    /// leaving the header and footer visible where possible.
    static func frame(in size: TerminalSize) -> Rect {
        let widest = lines(width: .max).map { $0.reduce(0) { $0 + SafeText.width(of: $1.text) } }.max() ?? 0
        let width = min(widest + 3, max(0, size.columns - 2))
        let height = min(lines(width: width - 3).count + 2, max(0, size.rows - 2))
        return Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
    }

    static func draw(in grid: inout Grid, size: TerminalSize, scroll: Int) {
        let rect = frame(in: size)
        grid.fill(rect, role: .overlay)
        let inside = grid.box(rect, title: "Help", note: "Esc close · ↑↓ scroll", focused: true)
        guard !inside.isEmpty else { return }
        let lines = lines(width: inside.width - 1)
        let first = min(scroll, max(0, lines.count - inside.height))
        for (offset, line) in lines.dropFirst(first).prefix(inside.height).enumerated() {
            grid.write(line, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 1)
        }
    }
}

extension KeyBinding {
    fileprivate var moves: Bool {
        if case .move = action { return true }
        return false
    }
}
