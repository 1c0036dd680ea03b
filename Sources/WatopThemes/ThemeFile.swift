import TOMLKit
import WatopUI

/// Reads a theme from TOML text. The format (see themes/default.toml for a commented example):
///
///     name = "solarized-dark"            # optional; the file name otherwise
///     description = "…"                  # optional, shown by `watop themes`
///     [palette]                          # optional: each color named once
///     red = "#dc322f"
///     [roles]
///     "status.failed" = { fg = "red", bg = "default", attrs = ["bold"] }
///
/// Colors are names of `[palette]`, color names (`red`, `bright-blue`, `default`…), indices
/// 0–255 of the terminal's 256 colors, or `#rrggbb` (mapped to the nearest of the 256 colors);
/// a palette name stands before a color name of the same spelling. Attributes: bold, dim,
/// reverse, underline. Roles a theme leaves out look like its `text` role.
public enum ThemeFile {
    public struct Parsed: Sendable {
        public var theme: Theme
        public var description: String?
    }

    public static func parse(_ source: String, file: String, defaultName: String) throws(ThemeFileError) -> Parsed {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ThemeFileError(file: file, line: error.source.begin.line, key: nil, problem: error.description)
        } catch {
            throw ThemeFileError(file: file, line: nil, key: nil, problem: "\(error)")
        }
        let locator = KeyLocator(source: source, file: file)
        for key in document.keys where !["name", "description", "palette", "roles"].contains(key) {
            throw locator.error(key: key, "unknown setting; a theme has name, description, [palette] and [roles]")
        }
        let name = try string(document["name"], key: "name", locator: locator) ?? defaultName
        let description = try string(document["description"], key: "description", locator: locator)
        guard let roles = document["roles"]?.table else {
            throw ThemeFileError(file: file, line: nil, key: "roles", problem: "missing [roles] table")
        }
        let palette = try palette(document["palette"], locator: locator)
        var styles: [StyleRole: Style] = [:]
        try collect(roles, prefix: "", palette: palette, into: &styles, locator: locator)
        return Parsed(theme: Theme(name: name, styles: styles), description: description)
    }

    /// `[palette]`: names for colors, each written as a role's color may be but for another
    /// palette name. None when the file has no palette.
    private static func palette(_ value: TOMLValueConvertible?, locator: KeyLocator) throws(ThemeFileError) -> [String: ThemeColor] {
        guard let value else { return [:] }
        guard let table = value.table else { throw locator.error(key: "palette", "expected a table of names and colors") }
        var palette: [String: ThemeColor] = [:]
        for (name, color) in table {
            palette[name] = try Self.color(color, palette: [:], key: "palette.\(name)", locator: locator)
        }
        return palette
    }

    /// Walks `[roles]`, where `status.failed = {…}` may also be written as nested tables.
    private static func collect(
        _ table: TOMLTable, prefix: String, palette: [String: ThemeColor], into styles: inout [StyleRole: Style],
        locator: KeyLocator
    ) throws(ThemeFileError) {
        for (key, value) in table {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard let entry = value.table else {
                throw locator.error(key: path, "expected a table such as { fg = \"red\", attrs = [\"bold\"] }")
            }
            let styleKeys: Set<String> = ["fg", "bg", "attrs"]
            if let role = StyleRole(rawValue: path), Set(entry.keys).isSubset(of: styleKeys) {
                styles[role] = try style(entry, path: path, palette: palette, locator: locator)
            } else if Set(entry.keys).isDisjoint(with: styleKeys) {
                try collect(entry, prefix: path, palette: palette, into: &styles, locator: locator)
            } else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw locator.error(key: path, "unknown role; roles are: \(known)")
            }
        }
    }

    private static func style(
        _ entry: TOMLTable, path: String, palette: [String: ThemeColor], locator: KeyLocator
    ) throws(ThemeFileError) -> Style {
        var style = Style()
        if let value = entry["fg"] { style.foreground = try color(value, palette: palette, key: "\(path).fg", locator: locator) }
        if let value = entry["bg"] { style.background = try color(value, palette: palette, key: "\(path).bg", locator: locator) }
        if let value = entry["attrs"] {
            guard let array = value.array else { throw locator.error(key: "\(path).attrs", "expected a list") }
            for item in array {
                switch item.string?.lowercased() {
                case "bold": style.attributes.insert(.bold)
                case "dim": style.attributes.insert(.dim)
                case "reverse": style.attributes.insert(.reverse)
                case "underline": style.attributes.insert(.underline)
                default:
                    throw locator.error(
                        key: "\(path).attrs", "unknown attribute \(item); use bold, dim, reverse, underline")
                }
            }
        }
        return style
    }

    private static func color(
        _ value: TOMLValueConvertible, palette: [String: ThemeColor], key: String, locator: KeyLocator
    ) throws(ThemeFileError) -> ThemeColor {
        if let index = value.int, let color = ThemeColorName.parse(index: index) { return color }
        if let text = value.string, let color = palette[text] ?? ThemeColorName.parse(text) { return color }
        let named = palette.isEmpty ? "" : "a name of [palette] (\(palette.keys.sorted().joined(separator: ", "))), "
        throw locator.error(
            key: key, "unknown color \(value); use \(named)a color name (red, bright-blue, default…), 0–255 or #rrggbb")
    }

    private static func string(_ value: TOMLValueConvertible?, key: String, locator: KeyLocator)
        throws(ThemeFileError) -> String?
    {
        guard let value else { return nil }
        guard let text = value.string else { throw locator.error(key: key, "expected a string") }
        return text
    }
}

/// Finds the line a key was written on. TOMLKit reports positions for syntax errors only, so
/// for a bad value we look for the line that assigns the role (or setting) it belongs to.
struct KeyLocator {
    let source: String
    let file: String

    func error(key: String, _ problem: String) -> ThemeFileError {
        ThemeFileError(file: file, line: line(of: key), key: key, problem: problem)
    }

    func line(of key: String) -> Int? {
        var components = key.split(separator: ".").map(String.init)
        if components.count > 1, ["fg", "bg", "attrs"].contains(components.last!) { components.removeLast() }
        // Longest spelling first: "status.failed", then failed (under [roles.status]).
        let candidates = components.indices.map { components[$0...].joined(separator: ".") }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for candidate in candidates {
            for (number, line) in lines.enumerated() {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                for form in [candidate, "\"\(candidate)\""] where trimmed.hasPrefix(form) {
                    if trimmed.dropFirst(form.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") {
                        return number + 1
                    }
                }
            }
        }
        return nil
    }
}
