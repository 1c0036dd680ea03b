import TOMLKit
import WatopUI

/// Reads a theme from TOML text. The format (see themes/default.toml for a commented example):
///
///     name = "solarized-dark"            # optional; the file name otherwise
///     description = "…"                  # optional, shown by `watop themes`
///     [roles]
///     "status.failed" = { fg = "#dc322f", bg = "default", attrs = ["bold"] }
///
/// Colors are names (`red`, `bright-blue`, `default`…), palette indices 0–255, or `#rrggbb`
/// (mapped to the nearest of the 256 colors). Attributes: bold, dim, reverse, underline.
/// Roles a theme leaves out look like its `text` role.
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
        for key in document.keys where !["name", "description", "roles"].contains(key) {
            throw locator.error(key: key, "unknown setting; a theme has name, description and [roles]")
        }
        let name = try string(document["name"], key: "name", locator: locator) ?? defaultName
        let description = try string(document["description"], key: "description", locator: locator)
        guard let roles = document["roles"]?.table else {
            throw ThemeFileError(file: file, line: nil, key: "roles", problem: "missing [roles] table")
        }
        var styles: [StyleRole: Style] = [:]
        try collect(roles, prefix: "", into: &styles, locator: locator)
        return Parsed(theme: Theme(name: name, styles: styles), description: description)
    }

    /// Walks `[roles]`, where `status.failed = {…}` may also be written as nested tables.
    private static func collect(
        _ table: TOMLTable, prefix: String, into styles: inout [StyleRole: Style], locator: KeyLocator
    ) throws(ThemeFileError) {
        for (key, value) in table {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard let entry = value.table else {
                throw locator.error(key: path, "expected a table such as { fg = \"red\", attrs = [\"bold\"] }")
            }
            let styleKeys: Set<String> = ["fg", "bg", "attrs"]
            if let role = StyleRole(rawValue: path), Set(entry.keys).isSubset(of: styleKeys) {
                styles[role] = try style(entry, path: path, locator: locator)
            } else if Set(entry.keys).isDisjoint(with: styleKeys) {
                try collect(entry, prefix: path, into: &styles, locator: locator)
            } else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw locator.error(key: path, "unknown role; roles are: \(known)")
            }
        }
    }

    private static func style(_ entry: TOMLTable, path: String, locator: KeyLocator) throws(ThemeFileError) -> Style {
        var style = Style()
        if let value = entry["fg"] { style.foreground = try color(value, key: "\(path).fg", locator: locator) }
        if let value = entry["bg"] { style.background = try color(value, key: "\(path).bg", locator: locator) }
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

    private static func color(_ value: TOMLValueConvertible, key: String, locator: KeyLocator)
        throws(ThemeFileError) -> ThemeColor
    {
        if let index = value.int, let color = ThemeColorName.parse(index: index) { return color }
        if let text = value.string, let color = ThemeColorName.parse(text) { return color }
        throw locator.error(key: key, "unknown color \(value); use a name (red, bright-blue, default…), 0–255 or #rrggbb")
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
