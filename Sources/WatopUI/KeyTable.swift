/// One key binding: the data from which input handling, the footer and the help overlay are
/// all derived, so that they never disagree.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let modes: [InputMode]
    public let action: Action
    /// What it does, for the help overlay.
    public let summary: String
    /// The word shown in the footer, when the binding is worth a place there.
    public let footer: String?

    public var label: String { keys.map(\.label).joined(separator: " ") }
}

/// Every key of the dashboard.
public enum KeyTable {
    private static let list: [InputMode] = [.dashboard]
    private static let views: [InputMode] = [
        .dashboard, .detail, .rejections, .notices, .alerts, .stuck, .latency, .breakdown, .history, .storedDetail,
    ]
    /// Where the moving keys move the selection or scroll.
    private static let scrolling: [InputMode] = [
        .dashboard, .detail, .rejections, .notices, .alerts, .stuck, .latency, .breakdown, .history, .storedDetail, .help,
    ]

    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.character("/")], modes: list, action: .beginFilter, summary: "filter events (live preview)", footer: "filter"),
        KeyBinding(keys: [.character("/")], modes: [.history], action: .beginFilter, summary: "filter the history (run in the database on Enter)", footer: "filter"),
        KeyBinding(keys: [.escape], modes: list, action: .clearFilter, summary: "clear the filter", footer: nil),
        KeyBinding(keys: [.character("p"), .character(" ")], modes: views, action: .togglePause, summary: "pause / resume the screen (intake goes on)", footer: "pause"),
        KeyBinding(keys: [.enter], modes: list, action: .openDetail, summary: "inspect the selected event; on Rates, filter to the cursor's column", footer: "inspect"),
        KeyBinding(keys: [.up, .character("k")], modes: scrolling, action: .move(.up), summary: "move up (the top row follows new events)", footer: nil),
        KeyBinding(keys: [.down, .character("j")], modes: scrolling, action: .move(.down), summary: "move down", footer: nil),
        KeyBinding(keys: [.pageUp], modes: scrolling, action: .move(.pageUp), summary: "page up", footer: nil),
        KeyBinding(keys: [.pageDown], modes: scrolling, action: .move(.pageDown), summary: "page down", footer: nil),
        KeyBinding(keys: [.home, .character("g")], modes: scrolling, action: .move(.top), summary: "newest event, following the stream", footer: nil),
        KeyBinding(keys: [.end, .character("G")], modes: scrolling, action: .move(.bottom), summary: "oldest event in the buffer", footer: nil),
        KeyBinding(keys: [.character("H")], modes: list, action: .toggleHistory, summary: "history: page back through the events the database keeps (--store; ↓ past the oldest event too)", footer: nil),
        KeyBinding(keys: [.tab], modes: list, action: .focusNext, summary: "focus the next panel", footer: "focus"),
        KeyBinding(keys: [.backTab], modes: list, action: .focusPrevious, summary: "focus the previous panel", footer: nil),
        KeyBinding(keys: [.character("s")], modes: list, action: .cycleSort, summary: "change the sort of the focused table", footer: "sort"),
        KeyBinding(keys: [.character("t")], modes: views, action: .cycleTheme, summary: "next color theme", footer: "theme"),
        KeyBinding(keys: [.character("w")], modes: list, action: .cycleRateWindow, summary: "Rates chart over 5 min, 1 h or 24 h", footer: nil),
        KeyBinding(keys: [.character("[")], modes: list, action: .moveRateCursor(-1), summary: "Rates cursor a column back (focuses the chart)", footer: nil),
        KeyBinding(keys: [.character("]")], modes: list, action: .moveRateCursor(1), summary: "Rates cursor a column on (focuses the chart)", footer: nil),
        KeyBinding(keys: [.left], modes: list, action: .sideways(-1), summary: "with Rates focused: its cursor a column back", footer: nil),
        KeyBinding(keys: [.right], modes: list, action: .sideways(1), summary: "with Rates focused: its cursor a column on", footer: nil),
        KeyBinding(keys: [.character("r")], modes: list, action: .toggleRejections, summary: "rejected requests: why, and the last of each reason", footer: nil),
        KeyBinding(keys: [.character("N")], modes: list, action: .toggleNotices, summary: "notices: templates, number quality, account alerts, errors without a status", footer: nil),
        KeyBinding(keys: [.character("A")], modes: list, action: .toggleAlerts, summary: "alert rules: which fire, their figures and last change (--alert)", footer: nil),
        KeyBinding(keys: [.character("L")], modes: list, action: .toggleLatency, summary: "delivery latency: sent→delivered and delivered→read p50, p90, p99, max by number", footer: nil),
        KeyBinding(keys: [.character("S")], modes: list, action: .toggleStuck, summary: "stuck messages: queued or sent with no callback for over --stuck-after", footer: nil),
        KeyBinding(keys: [.character("b")], modes: list, action: .toggleBreakdown, summary: "breakdown: messages by ref, pricing, country, error code or provider", footer: nil),
        KeyBinding(keys: [.character("D")], modes: list, action: .showDeadLetters, summary: "dead letters: requests the app refused for good (filter fwd:dead; R in one resends it)", footer: nil),
        KeyBinding(keys: [.escape, .character("q")], modes: [.detail], action: .closeDetail, summary: "close the detail view", footer: "back"),
        KeyBinding(keys: [.enter], modes: [.history], action: .openDetail, summary: "inspect the selected event as the history keeps it", footer: "inspect"),
        KeyBinding(keys: [.escape, .character("q"), .character("H")], modes: [.history], action: .toggleHistory, summary: "close the history", footer: "back"),
        KeyBinding(keys: [.escape, .character("q")], modes: [.storedDetail], action: .closeDetail, summary: "close the stored event", footer: "back"),
        KeyBinding(keys: [.escape, .character("q"), .character("r")], modes: [.rejections], action: .toggleRejections, summary: "close the rejected requests", footer: "back"),
        KeyBinding(keys: [.escape, .character("q"), .character("N")], modes: [.notices], action: .toggleNotices, summary: "close the notices", footer: "back"),
        KeyBinding(keys: [.escape, .character("q"), .character("A")], modes: [.alerts], action: .toggleAlerts, summary: "close the alert rules", footer: "back"),
        KeyBinding(keys: [.escape, .character("q"), .character("S")], modes: [.stuck], action: .toggleStuck, summary: "close the stuck messages", footer: "back"),
        KeyBinding(keys: [.character("w")], modes: [.latency], action: .cycleRateWindow, summary: "latency over 5 min, 1 h or 24 h (as the Rates chart)", footer: "window"),
        KeyBinding(keys: [.escape, .character("q"), .character("L")], modes: [.latency], action: .toggleLatency, summary: "close the delivery latency", footer: "back"),
        KeyBinding(keys: [.character("b")], modes: [.breakdown], action: .cycleBreakdownKey, summary: "group by the next key: ref, ref1, ref2, pricing category, pricing type, country, error code, provider", footer: "next key"),
        KeyBinding(keys: [.enter], modes: [.breakdown], action: .filterBreakdownGroup, summary: "filter the events to the selected group", footer: "filter"),
        KeyBinding(keys: [.escape, .character("q")], modes: [.breakdown], action: .toggleBreakdown, summary: "close the breakdown", footer: "back"),
        KeyBinding(keys: [.character("y")], modes: [.detail], action: .copyAsCurl, summary: "copy the request as a curl command", footer: "curl"),
        KeyBinding(keys: [.character("R")], modes: [.detail], action: .askResend, summary: "resend the request to the app (asks first)", footer: "resend"),
        KeyBinding(keys: [.character("y"), .enter], modes: [.confirm], action: .confirmResend(true), summary: "yes", footer: "yes"),
        KeyBinding(keys: [.character("n"), .escape], modes: [.confirm], action: .confirmResend(false), summary: "no", footer: "no"),
        KeyBinding(keys: [.enter], modes: [.filterPrompt], action: .commitFilter, summary: "keep the filter and close the prompt", footer: "apply"),
        KeyBinding(keys: [.escape], modes: [.filterPrompt], action: .clearFilter, summary: "clear the filter and close the prompt", footer: "clear"),
        KeyBinding(keys: [.backspace], modes: [.filterPrompt], action: .editFilter(.deleteBackward), summary: "delete the last character", footer: nil),
        KeyBinding(keys: [.character("\u{15}")], modes: [.filterPrompt], action: .editFilter(.deleteAll), summary: "delete the whole filter text", footer: nil),
        KeyBinding(keys: [.character("?")], modes: views, action: .toggleHelp, summary: "this help", footer: "help"),
        KeyBinding(keys: [.escape, .character("?"), .character("q")], modes: [.help], action: .toggleHelp, summary: "close the help", footer: "close"),
        KeyBinding(keys: [.character("q")], modes: list, action: .quit, summary: "quit", footer: "quit"),
        KeyBinding(keys: [.interrupt], modes: InputMode.allCases, action: .quit, summary: "quit from anywhere", footer: nil),
    ]

    /// The action of `key` in `mode`; in the filter prompt, any other printable character is typed.
    public static func action(for key: Key, in mode: InputMode) -> Action? {
        if let binding = bindings.first(where: { $0.modes.contains(mode) && $0.keys.contains(key) }) {
            return binding.action
        }
        if mode == .filterPrompt, case .character(let character) = key, !character.isControl {
            return .editFilter(.insert(character))
        }
        return nil
    }

    /// The footer's hints in `mode`: (keys, word).
    public static func footer(for mode: InputMode) -> [(keys: String, word: String)] {
        bindings.compactMap { binding in
            guard binding.modes.contains(mode), let word = binding.footer else { return nil }
            return (binding.keys[0].label, word)
        }
    }
}

extension Character {
    fileprivate var isControl: Bool { unicodeScalars.allSatisfy { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
}
