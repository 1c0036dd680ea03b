import Foundation
import WatopUI

/// The themes watop can use: the built-in ones shipped in `themes/`, then the user's own in
/// `$XDG_CONFIG_HOME/watop/themes` (a user theme with a built-in's name replaces it).
public struct ThemeLibrary: Sendable {
    /// One theme file, loaded or not.
    public struct Entry: Sendable {
        public var name: String
        public var path: String?
        public var isBuiltIn: Bool
        public var description: String?
        public var outcome: Result<Theme, ThemeFileError>
    }

    public private(set) var entries: [Entry]
    /// Where user themes go, for messages and `watop themes`.
    public let userDirectory: String

    /// The order built-in themes are listed and cycled in.
    static let builtInOrder = ["default", "light", "solarized-dark", "high-contrast", "mono"]

    public init(builtInDirectory: String?, userDirectory: String) {
        self.userDirectory = userDirectory
        var builtIn = builtInDirectory.map { Self.load(directory: $0, builtIn: true) } ?? []
        if !builtIn.contains(where: { $0.name == "default" }) {
            // Without the shipped files (a binary copied elsewhere) the compiled-in default remains.
            builtIn.insert(
                Entry(name: "default", path: nil, isBuiltIn: true, description: "built in", outcome: .success(.standard)),
                at: 0)
        }
        builtIn.sort { Self.rank($0.name) < Self.rank($1.name) }
        let user = Self.load(directory: userDirectory, builtIn: false)
        entries = builtIn.filter { theme in !user.contains { $0.name == theme.name } } + user
    }

    /// Finds the shipped themes next to the binary and the user's in the XDG config folder.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeLibrary {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return ThemeLibrary(builtInDirectory: shippedThemesDirectory(), userDirectory: configHome + "/watop/themes")
    }

    /// Themes that loaded, in cycling order.
    public var usableThemes: [Theme] {
        entries.compactMap { try? $0.outcome.get() }
    }

    /// A theme by name, or by path when the argument names a file.
    public func theme(named nameOrPath: String) throws(ThemeLookupError) -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let entry = Self.loadFile(path: nameOrPath, builtIn: false)
            return try entry.outcome.mapError { ThemeLookupError.broken($0) }.get()
        }
        guard let entry = entries.first(where: { $0.name == nameOrPath }) else {
            throw .unknown(name: nameOrPath, known: entries.map(\.name))
        }
        return try entry.outcome.mapError { ThemeLookupError.broken($0) }.get()
    }

    private static func rank(_ name: String) -> (Int, String) {
        (builtInOrder.firstIndex(of: name) ?? builtInOrder.count, name)
    }

    private static func load(directory: String, builtIn: Bool) -> [Entry] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.sorted().map {
            loadFile(path: directory + "/" + $0, builtIn: builtIn)
        }
    }

    static func loadFile(path: String, builtIn: Bool) -> Entry {
        let fileName = (path as NSString).lastPathComponent
        let defaultName = fileName.hasSuffix(".toml") ? String(fileName.dropLast(5)) : fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            let error = ThemeFileError(file: path, line: nil, key: nil, problem: "cannot be read")
            return Entry(name: defaultName, path: path, isBuiltIn: builtIn, description: nil, outcome: .failure(error))
        }
        do {
            let parsed = try ThemeFile.parse(String(decoding: data, as: UTF8.self), file: path, defaultName: defaultName)
            return Entry(
                name: parsed.theme.name, path: path, isBuiltIn: builtIn, description: parsed.description,
                outcome: .success(parsed.theme))
        } catch {
            return Entry(name: defaultName, path: path, isBuiltIn: builtIn, description: nil, outcome: .failure(error))
        }
    }

    /// `themes/` of the installation: `<prefix>/share/watop/themes` beside `<prefix>/bin/watop`,
    /// or, for a binary built in a checkout, the checkout's own `themes/`.
    static func shippedThemesDirectory() -> String? {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/watop/themes")
        if FileManager.default.fileExists(atPath: installed.appendingPathComponent("default.toml").path) {
            return installed.path
        }
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) {
                return candidate.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

/// Why `--theme` could not be honoured.
public enum ThemeLookupError: Error, CustomStringConvertible, Sendable {
    case unknown(name: String, known: [String])
    case broken(ThemeFileError)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            "no theme named \"\(name)\"; available: \(known.joined(separator: ", "))"
        case .broken(let error): error.description
        }
    }
}
