import ArgumentParser
import WatopHistory
import WatopPostgres

/// `--store` and `--store-password`: which history database, for every command that uses one.
struct StoreLocation: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The history database: a SQLite file (--store alone: \(HistoryLocation.defaultPath())) or postgres://USER@HOST:PORT/DB for a fleet.",
            valueName: "path-or-url"))
    var store: String?

    @Option(name: .customLong("store-password"), help: "With --store postgres://…: the password, as env:NAME or file:PATH.")
    var password: String?

    func validate() throws {
        guard let store else {
            if password != nil { throw ValidationError("--store-password needs --store postgres://…") }
            return
        }
        if store.isEmpty { throw ValidationError("--store needs a path, or nothing for \(HistoryLocation.defaultPath())") }
        if isPostgres {
            do {
                _ = try PostgresLocation(parsing: store)
            } catch {
                throw ValidationError(error.description)
            }
        } else if password != nil {
            throw ValidationError("--store-password is for --store postgres://…, not a SQLite file")
        }
    }

    /// The database's path or URL; the default SQLite file without `--store`.
    var path: String { store ?? HistoryLocation.defaultPath() }

    var isPostgres: Bool { HistoryLocation.isPostgres(path) }

    /// The database to read: a SQLite file opened read-only (its readers never hold up the
    /// writer), or a fleet's PostgreSQL database on a connection of its own.
    func openForReading() throws -> any HistorySearching {
        guard isPostgres else { return try HistoryDatabase.open(path: path, readOnly: true) }
        let (address, password) = try postgres()
        return try PostgresHistory(location: address, password: password, searching: true)
    }

    /// The PostgreSQL database's address and the password, read now (a source that can't be
    /// read stops the command).
    func postgres() throws -> (location: PostgresLocation, password: String?) {
        (try PostgresLocation(parsing: path), try password.map { try AccessOptions.secret($0, option: "--store-password") })
    }
}
