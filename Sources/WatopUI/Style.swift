/// A terminal color: the terminal's own default, or an index of the 256-color palette
/// (0–15 are the classic ANSI colors, which 8- and 16-color terminals also have).
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(UInt8)

    public static let black = ThemeColor.indexed(0)
    public static let red = ThemeColor.indexed(1)
    public static let green = ThemeColor.indexed(2)
    public static let yellow = ThemeColor.indexed(3)
    public static let blue = ThemeColor.indexed(4)
    public static let magenta = ThemeColor.indexed(5)
    public static let cyan = ThemeColor.indexed(6)
    public static let white = ThemeColor.indexed(7)

    /// The nearest of the eight basic colors, for terminals that have no more.
    public var basic: ThemeColor {
        guard case .indexed(let index) = self else { return self }
        switch index {
        case 0..<8: return self
        case 8..<16: return .indexed(index - 8)
        case 232...255: return index < 244 ? .black : .white
        default:
            // The 6×6×6 cube: each channel counts as "on" when it is in the upper half.
            let cube = Int(index) - 16
            let (red, green, blue) = (cube / 36, cube / 6 % 6, cube % 6)
            return .indexed(UInt8((red >= 3 ? 1 : 0) | (green >= 3 ? 2 : 0) | (blue >= 3 ? 4 : 0)))
        }
    }
}

/// Text attributes a terminal can combine with colors.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
}

/// How a role looks: colors and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(
        _ foreground: ThemeColor = .terminalDefault, on background: ThemeColor = .terminalDefault,
        _ attributes: TextAttributes = []
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
