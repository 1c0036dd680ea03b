/// A key press, as the terminal backend decodes it.
public enum Key: Hashable, Sendable {
    /// A printable character, or a control character such as Ctrl-U (`"\u{15}"`).
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab
    case enter, escape, backspace
    /// Ctrl-C.
    case interrupt

    /// How the key is written in the footer and the help overlay.
    public var label: String {
        switch self {
        case .character(" "): "space"
        case .character("\u{15}"): "^U"
        case .character(let character): String(character)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .interrupt: "^C"
        }
    }
}
