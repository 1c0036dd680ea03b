import CNcurses
import WatopUI

/// How each style role is drawn on this terminal: ncurses attributes and a color pair,
/// worked out once from the theme and what the terminal can show.
struct ColorPalette {
    /// What the terminal can show.
    enum Depth: Equatable {
        case colors256
        case colors16
        case colors8
        /// No color: `NO_COLOR`, or a terminal without colors.
        case monochrome
    }

    let depth: Depth
    private var looks: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]

    /// Must run after ncurses is initialised; allocates the color pairs the theme needs.
    init(theme: Theme, noColorRequested: Bool) {
        if noColorRequested || !has_colors() {
            depth = .monochrome
        } else {
            start_color()
            let colors = watop_colors()
            depth = colors >= 256 ? .colors256 : colors >= 16 ? .colors16 : .colors8
        }
        let hasDefaultColors = depth != .monochrome && use_default_colors() == OK
        var pairs: [PairKey: Int16] = [:]
        let pairLimit = min(Int(Int16.max), Int(watop_color_pairs()))
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            var attributes = Self.attributes(style.attributes)
            guard depth != .monochrome else {
                // Without color a background would vanish; reverse video keeps the bar, the
                // selection and overlays distinct.
                if style.background != .terminalDefault { attributes |= watop_attr_reverse() }
                looks[role] = (attributes, 0)
                continue
            }
            let key = PairKey(
                foreground: color(style.foreground, hasDefaultColors: hasDefaultColors, fallback: 7),
                background: color(style.background, hasDefaultColors: hasDefaultColors, fallback: 0))
            var pair = pairs[key] ?? 0
            if pair == 0, pairs.count + 1 < pairLimit {
                pair = Int16(pairs.count + 1)
                init_pair(pair, key.foreground, key.background)
                pairs[key] = pair
            }
            looks[role] = (attributes, pair)
        }
    }

    func look(for role: StyleRole) -> (attributes: attr_t, pair: Int16) { looks[role] ?? (watop_attr_normal(), 0) }

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    private func color(_ color: ThemeColor, hasDefaultColors: Bool, fallback: Int16) -> Int16 {
        let reduced =
            switch depth {
            case .colors256: color
            case .colors16: color.basic16
            case .colors8, .monochrome: color.basic
            }
        guard case .indexed(let index) = reduced else { return hasDefaultColors ? -1 : fallback }
        return Int16(index)
    }

    private static func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = watop_attr_normal()
        if attributes.contains(.bold) { result |= watop_attr_bold() }
        if attributes.contains(.dim) { result |= watop_attr_dim() }
        if attributes.contains(.reverse) { result |= watop_attr_reverse() }
        if attributes.contains(.underline) { result |= watop_attr_underline() }
        return result
    }
}

extension ThemeColor {
    /// Keeps the 16 ANSI colors and reduces the rest like `basic`.
    fileprivate var basic16: ThemeColor {
        if case .indexed(let index) = self, index < 16 { return self }
        return basic
    }
}
