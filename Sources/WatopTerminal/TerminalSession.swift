import CNcurses
import WatopUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal while the dashboard owns it: ncurses set up for wide characters, raw-ish
/// keyboard input without echo, colors for this terminal, and signals trapped. `close`
/// (also run on deinit) gives the terminal back exactly as it was.
struct TerminalSession: ~Copyable {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var palette: ColorPalette
    private let noColorRequested: Bool
    private var painter = ScreenPainter()
    private let signals = SignalTrap()
    private var isOpen = true

    init(theme: Theme) throws(DashboardError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        Self.useUTF8Locale()
        guard let screen = newterm(nil, watop_stdout(), watop_stdin()) else {
            throw .terminalUnavailable(term: getenv("TERM").map { String(cString: $0) } ?? "")
        }
        set_term(screen)
        self.screen = screen
        window = watop_stdscr()!
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        // Esc must close views at once, not after ncurses' default one-second wait for a sequence.
        set_escdelay(25)
        noColorRequested = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        palette = ColorPalette(theme: theme, noColorRequested: noColorRequested)
    }

    /// Wide characters need a UTF-8 locale; when the environment names none (a bare `C`
    /// locale, common under tmux, cron or ssh), C.UTF-8 still lets ncurses draw them.
    private static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingDashes() != "UTF8" { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    var size: TerminalSize { TerminalSize(columns: Int(watop_columns()), rows: Int(watop_rows())) }

    var isTerminationRequested: Bool { signals.isTerminationRequested }

    /// Waits up to `milliseconds` (0: just looks) for a key or a resize.
    mutating func nextInput(waitingMilliseconds milliseconds: Int32) -> TerminalInput? {
        wtimeout(window, milliseconds)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        let input = KeyDecoder.input(status: status, code: UInt32(code))
        if input == .resized {
            // The terminal may hold leftovers of the old size: repaint everything.
            painter.invalidate()
            clearok(window, true)
        }
        return input
    }

    /// Switches colors; the next paint redraws every cell in the new theme.
    mutating func apply(_ theme: Theme) {
        palette = ColorPalette(theme: theme, noColorRequested: noColorRequested)
        painter.invalidate()
    }

    mutating func paint(_ grid: Grid) {
        painter.paint(grid, palette: palette, window: window)
    }

    /// Rings the terminal's bell (or flashes the screen, as the terminal is set up to).
    func bell() {
        beep()
    }

    /// Asks the terminal to put `text` on the clipboard (OSC 52). Written straight to the
    /// terminal between frames, after ncurses has flushed; a terminal that ignores it shows
    /// nothing, which is why the detail view also shows the text.
    func copyToClipboard(_ text: String) {
        let sequence = "\u{1b}]52;c;" + Base64.encode(Array(text.utf8)) + "\u{07}"
        var bytes = Array(sequence.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Restores the terminal: cursor, modes, screen contents. Also done on deinit, so that
    /// no way out of the dashboard leaves the terminal raw.
    mutating func close() {
        guard isOpen else { return }
        isOpen = false
        Self.restore(screen)
    }

    deinit {
        if isOpen { Self.restore(screen) }
    }

    private static func restore(_ screen: OpaquePointer) {
        curs_set(1)
        endwin()
        delscreen(screen)
    }
}

extension String {
    fileprivate func replacingDashes() -> String { filter { $0 != "-" } }
}
