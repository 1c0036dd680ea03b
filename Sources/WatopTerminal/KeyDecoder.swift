import CNcurses
import WatopUI

/// What one read of the keyboard produced.
enum TerminalInput: Equatable {
    case key(Key)
    case resized
}

/// Maps what ncurses' `wget_wch` returns to keys.
enum KeyDecoder {
    /// `status` is `wget_wch`'s result: `KEY_CODE_YES` for a function key, `OK` for a character.
    static func input(status: Int32, code: UInt32) -> TerminalInput? {
        if status == KEY_CODE_YES { return functionKey(Int32(bitPattern: code)) }
        guard status == OK, let scalar = Unicode.Scalar(code) else { return nil }
        switch code {
        case 0x1B: return .key(.escape)
        case 0x0A, 0x0D: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x03: return .key(.interrupt)
        default: return .key(.character(Character(scalar)))
        }
    }

    private static func functionKey(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE: .resized
        case KEY_UP: .key(.up)
        case KEY_DOWN: .key(.down)
        case KEY_LEFT: .key(.left)
        case KEY_RIGHT: .key(.right)
        case KEY_PPAGE: .key(.pageUp)
        case KEY_NPAGE: .key(.pageDown)
        case KEY_HOME: .key(.home)
        case KEY_END: .key(.end)
        case KEY_BTAB: .key(.backTab)
        case KEY_ENTER: .key(.enter)
        case KEY_BACKSPACE: .key(.backspace)
        default: nil
        }
    }
}
