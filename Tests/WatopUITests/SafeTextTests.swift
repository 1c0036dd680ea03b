import Testing
@testable import WatopUI

private func row(_ text: String, width: Int = 40) -> (line: String, grid: Grid) {
    var grid = Grid(size: TerminalSize(columns: width, rows: 1))
    grid.write(text, x: 0, y: 0, role: .text)
    return (grid.lines[0], grid)
}

@Suite struct SafeTextTests {
    @Test(
        "control characters, escape sequences and bidi overrides are drawn as visible escapes",
        arguments: [
            ("\u{1b}[31mRED\u{1b}[0m", "\\x1b[31mRED\\x1b[0m"),
            ("\u{1b}]0;pwned\u{07}", "\\x1b]0;pwned\\x07"),
            ("a\u{9b}2Jb", "a\\x9b2Jb"),
            ("line\nnext\ttab\r", "line\\nnext\\ttab\\r"),
            ("\u{7f}\u{0}", "\\x7f\\x00"),
            ("abc\u{202e}fed\u{202c}", "abc\\u{202e}fed\\u{202c}"),
            ("\u{2066}x\u{2069}\u{200f}", "\\u{2066}x\\u{2069}\\u{200f}"),
            ("\u{301}acute", "\\u{301}acute"),
        ])
    func escapes(input: String, shown: String) {
        let (line, grid) = row(input)
        #expect(line == shown)
        for cell in grid.cells {
            #expect(cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        }
    }

    @Test(
        "wide and combining characters take the columns a terminal gives them",
        arguments: [
            ("abc", 3), ("👋", 2), ("नमस्ते", 4), ("日本語", 6), ("e\u{301}", 1), ("🇮🇳", 2), ("👍🏽", 4), ("❤️", 1),
            ("\u{1b}", 4),
        ])
    func widths(text: String, columns: Int) {
        #expect(SafeText.width(of: text) == columns)
    }

    @Test("columns stay aligned after emoji and Devanagari")
    func alignment() {
        var grid = Grid(size: TerminalSize(columns: 30, rows: 3))
        let table = Table(
            columns: [TableColumn(title: "message", width: 10), TableColumn(title: "code", width: 6)],
            rows: [[Span("नमस्ते 👋"), Span("131047")], [Span("日本語テキスト"), Span("E110")]])
        table.draw(in: &grid, Rect(x: 0, y: 0, width: 30, height: 3))
        for y in 0..<3 {
            // The second column starts at x = 11 on every row, whatever the first one holds.
            #expect(grid[10, y].text == " ", "row \(y)")
            #expect(grid[11, y].text != " " && !grid[11, y].isContinuation, "row \(y)")
        }
        #expect(grid.lines[1] == "नमस्ते 👋    131047")
    }

    @Test("text that does not fit ends in an ellipsis, also when a wide character would cross the edge")
    func clipping() {
        #expect(row("ab👋", width: 3).line == "ab…")
        #expect(row("abcdef", width: 4).line == "abc…")
        #expect(row("日本語", width: 5).line == "日本…")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwritingWideCharacters() {
        var grid = Grid(size: TerminalSize(columns: 4, rows: 1))
        grid.write("日本", x: 0, y: 0, role: .text)
        grid.write("x", x: 1, y: 0, role: .text)
        #expect(grid.lines[0] == " x本")
        #expect(grid.cells.map(\.columns) == [1, 1, 2, 0])
    }
}
