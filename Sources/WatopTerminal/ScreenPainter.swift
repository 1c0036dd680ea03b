import CNcurses
import WatopUI

/// Puts grids on the screen, touching only the cells that differ from the grid painted
/// before, then lets ncurses send the difference in one `doupdate`.
struct ScreenPainter {
    private var previous: Grid?

    /// Forgets what is on screen, so the next paint redraws every cell (after a resize).
    mutating func invalidate() { previous = nil }

    mutating func paint(_ grid: Grid, palette: ColorPalette, window: UnsafeMutablePointer<WINDOW>) {
        let old = previous?.size == grid.size ? previous : nil
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                // A wide character draws its own second column.
                guard !cell.isContinuation, old.map({ $0[x, y] != cell }) ?? true else { continue }
                draw(cell, x: x, y: y, palette: palette, window: window)
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = grid
    }

    private func draw(_ cell: Cell, x: Int, y: Int, palette: ColorPalette, window: UnsafeMutablePointer<WINDOW>) {
        let look = palette.look(for: cell.role)
        // One spacing character and up to four combining marks, zero-terminated: a cchar_t.
        var characters = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var character = cchar_t()
        _ = setcchar(&character, characters, look.attributes, look.pair, nil)
        // At the bottom-right corner this reports an error (the cursor cannot advance) after
        // drawing the character, which is all that matters.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &character)
    }
}
