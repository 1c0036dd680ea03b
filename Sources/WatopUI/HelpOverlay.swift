import WatopCore

/// Every key, by the view it works in, and the filter syntax: generated from the key table
/// and the filter's own syntax list, so help never drifts from behaviour.
enum HelpOverlay {
    static let lines: [[Span]] = {
        var out: [[Span]] = []
        var listed = Set<String>()
        for mode in InputMode.allCases {
            let bindings = KeyTable.bindings.filter { $0.modes.contains(mode) && !listed.contains($0.label + $0.summary) }
            guard !bindings.isEmpty else { continue }
            out.append([Span(title(of: mode), .panelTitle)])
            for binding in bindings {
                listed.insert(binding.label + binding.summary)
                out.append([Span("  " + binding.label.padded(to: 16), .overlayKey), Span(binding.summary, .overlay)])
            }
            if mode == .filterPrompt {
                out.append([Span("  " + "any text".padded(to: 16), .overlayKey), Span("typed into the filter; the list follows as you type", .overlay)])
            }
            out.append([])
        }
        out.append([Span("Filter syntax", .panelTitle)])
        for entry in EventFilter.syntax {
            out.append([Span("  " + entry.example.padded(to: 32), .overlayKey), Span(entry.meaning, .overlay)])
        }
        return out
    }()

    private static func title(of mode: InputMode) -> String {
        switch mode {
        case .dashboard: "Dashboard"
        case .filterPrompt: "Filter prompt"
        case .detail: "Detail view"
        case .confirm: "A question on the footer"
        case .help: "Help"
        }
    }

    /// Centred, at most 96 columns wide, leaving the header and footer visible where possible.
    static func frame(in size: TerminalSize) -> Rect {
        let width = min(96, max(0, size.columns - 4))
        let height = min(lines.count + 2, max(0, size.rows - 2))
        return Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
    }

    static func draw(in grid: inout Grid, size: TerminalSize, scroll: Int) {
        let rect = frame(in: size)
        grid.fill(rect, role: .overlay)
        let inside = grid.box(rect, title: "Help", note: "Esc close · ↑↓ scroll", focused: true)
        guard !inside.isEmpty else { return }
        let first = min(scroll, max(0, lines.count - inside.height))
        for (offset, line) in lines.dropFirst(first).prefix(inside.height).enumerated() {
            grid.write(line, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 1)
        }
    }
}
