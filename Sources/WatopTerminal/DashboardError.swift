/// Why the dashboard could not start.
public enum DashboardError: Error, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses could not set up the terminal, e.g. an unknown `TERM`.
    case terminalUnavailable(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            "the dashboard needs a terminal on standard input and output; use --headless to print JSON lines instead"
        case .terminalUnavailable(let term):
            "cannot drive the terminal type \"\(term)\"; set TERM to one your terminal supports (for example xterm-256color)"
        }
    }
}
