import Foundation

/// Where the history database is when `--store` names no path: the user's data folder, as
/// the XDG base directories have it.
public enum HistoryLocation {
    /// `$XDG_DATA_HOME/watop/history.sqlite`, else `~/.local/share/watop/history.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return data + "/watop/history.sqlite"
    }

    /// Whether `path` names a PostgreSQL database rather than a file.
    public static func isPostgres(_ path: String) -> Bool {
        path.hasPrefix("postgres://") || path.hasPrefix("postgresql://")
    }
}
