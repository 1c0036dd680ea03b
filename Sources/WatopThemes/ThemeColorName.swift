import WatopUI

/// Colors as theme files write them: a name, a palette index 0–255, or `#rrggbb`.
enum ThemeColorName {
    static let names: [String: ThemeColor] = [
        "default": .terminalDefault,
        "black": .indexed(0), "red": .indexed(1), "green": .indexed(2), "yellow": .indexed(3),
        "blue": .indexed(4), "magenta": .indexed(5), "cyan": .indexed(6), "white": .indexed(7),
        "bright-black": .indexed(8), "gray": .indexed(8), "grey": .indexed(8), "bright-red": .indexed(9),
        "bright-green": .indexed(10), "bright-yellow": .indexed(11), "bright-blue": .indexed(12),
        "bright-magenta": .indexed(13), "bright-cyan": .indexed(14), "bright-white": .indexed(15),
    ]

    static func parse(_ text: String) -> ThemeColor? {
        let lowered = text.lowercased()
        if let named = names[lowered] { return named }
        if let index = UInt8(lowered) { return .indexed(index) }
        guard lowered.hasPrefix("#"), lowered.count == 7, let rgb = UInt32(lowered.dropFirst(), radix: 16) else {
            return nil
        }
        return .indexed(nearestPaletteIndex(red: Int(rgb >> 16 & 0xFF), green: Int(rgb >> 8 & 0xFF), blue: Int(rgb & 0xFF)))
    }

    static func parse(index: Int) -> ThemeColor? {
        (0...255).contains(index) ? .indexed(UInt8(index)) : nil
    }

    /// The xterm-256 color closest to an RGB value: the best of the 6×6×6 cube and the
    /// 24-step gray ramp (indices 16–255), which every 256-color terminal renders alike.
    static func nearestPaletteIndex(red: Int, green: Int, blue: Int) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ value: Int) -> Int {
            levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) }!
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cube = (index: 16 + 36 * r + 6 * g + b, rgb: (levels[r], levels[g], levels[b]))
        let grayStep = min(23, max(0, ((red + green + blue) / 3 - 8 + 5) / 10))
        let grayLevel = 8 + 10 * grayStep
        let gray = (index: 232 + grayStep, rgb: (grayLevel, grayLevel, grayLevel))
        func distance(_ rgb: (Int, Int, Int)) -> Int {
            let (dr, dg, db) = (rgb.0 - red, rgb.1 - green, rgb.2 - blue)
            return dr * dr + dg * dg + db * db
        }
        return UInt8(distance(gray.rgb) < distance(cube.rgb) ? gray.index : cube.index)
    }
}
