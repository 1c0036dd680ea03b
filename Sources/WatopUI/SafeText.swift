/// Turns any string, above all one taken from a callback, into terminal cells that cannot
/// drive the terminal: control characters (C0, DEL, C1, so also every escape sequence),
/// bidirectional overrides and line separators become visible escapes such as `\x1b` or
/// `\u{202e}`. Each cell is one spacing character plus the combining marks that follow it,
/// which is exactly what one ncurses `cchar_t` holds.
enum SafeText {
    /// ncurses keeps at most this many combining marks per cell (CCHARW_MAX − 1); more are dropped.
    static let maximumCombiningMarks = 4

    /// Calls `body` with each cell's text and width (1 or 2) until it returns false.
    static func forEachCell(in text: String, _ body: (String, Int) -> Bool) {
        var pending = ""
        var pendingWidth = 0
        var marks = 0
        for scalar in text.unicodeScalars {
            if let escape = escape(for: scalar) {
                if pendingWidth > 0, !body(pending, pendingWidth) { return }
                pendingWidth = 0
                for character in escape.unicodeScalars where !body(String(character), 1) { return }
                continue
            }
            let width = DisplayWidth.of(scalar)
            if width == 0 {
                if pendingWidth == 0 {
                    // A mark with nothing to sit on would merge with whatever the terminal
                    // drew before; show it as an escape instead.
                    for character in escaped(scalar).unicodeScalars where !body(String(character), 1) { return }
                } else if marks < maximumCombiningMarks {
                    pending.unicodeScalars.append(scalar)
                    marks += 1
                }
                continue
            }
            if pendingWidth > 0, !body(pending, pendingWidth) { return }
            pending = String(scalar)
            pendingWidth = width
            marks = 0
        }
        if pendingWidth > 0 { _ = body(pending, pendingWidth) }
    }

    /// `text` as the cells show it, for output that is not drawn into a grid.
    static func visible(_ text: String) -> String {
        var shown = ""
        forEachCell(in: text) { cell, _ in
            shown += cell
            return true
        }
        return shown
    }

    /// The columns `text` takes once made safe.
    static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        forEachCell(in: text) { _, width in
            total += width
            return true
        }
        return total
    }

    /// The visible form of a scalar that must not reach the terminal as itself, else nil.
    static func escape(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x20..<0x7F: return nil
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F...0x9F: return "\\x" + hex(scalar.value, digits: 2)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return escaped(scalar)
        default: return nil
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16) + "}"
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
