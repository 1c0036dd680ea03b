import ArgumentParser
import Foundation
import WatopCore
import WatopHistory
import WatopPostgres
import WatopServer

/// `--store` and how the history database is kept.
struct StoreOptions: ParsableArguments {
    @OptionGroup var location: StoreLocation

    /// The database, when `--store` is given.
    var store: String? { location.store }

    @Option(help: "With --store: how long events are kept (30m, 12h, 30d …, or forever).")
    var retain = RetentionPeriod(seconds: 30 * 24 * 3600)

    @Option(name: .customLong("retain-size"), help: "With --store: the size the database is kept under (500MB, 2GB …); the oldest events go first.")
    var retainSize: ByteSize?

    @Option(name: .customLong("store-body"), help: "With --store: how much of each request's body the database keeps (0 keeps none).")
    var bodyBytes = ByteSize(bytes: 4096)

    @Option(
        name: .customLong("receiver-name"),
        help: "With --store: this watop's name in the database, on each event it writes (default: the host name).")
    var receiverName: String?

    static var hostName: String { ProcessInfo.processInfo.hostName }

    func validate() throws {
        guard store != nil else { return }
        if location.isPostgres, retainSize != nil {
            throw ValidationError("--retain-size is for a SQLite --store: PostgreSQL's space is its administrator's to manage")
        }
        if let retainSize, retainSize.bytes < 1 << 20 {
            throw ValidationError("--retain-size \(retainSize.defaultValueDescription) is too small: give at least 1MB")
        }
        guard (0...(64 << 20)).contains(bodyBytes.bytes) else {
            throw ValidationError("--store-body \(bodyBytes.defaultValueDescription) must be between 0 and 64MB")
        }
        if let receiverName, receiverName.isEmpty || receiverName.count > 200 || receiverName.contains(where: \.isNewline) {
            throw ValidationError("--receiver-name must be 1 to 200 characters on one line")
        }
    }

    /// Creates the database's folder (the default one may not exist yet) and returns the
    /// journal's path beside it: the journal the store is built from when `--journal` names
    /// none. A PostgreSQL store has none, and needs `--journal`.
    func journalBesideStore() throws -> String? {
        guard let store else { return nil }
        if HistoryLocation.isPostgres(store) {
            throw CommandFailure(message: "--store \(store) needs --journal FILE: each receiver keeps its own journal, which the database is built from")
        }
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(message: "cannot create \(folder) for the history database: \(error.localizedDescription)")
        }
        return Self.journalPath(besideStore: store)
    }

    static func journalPath(besideStore store: String) -> String {
        URL(fileURLWithPath: store).deletingPathExtension().path + ".journal.jsonl"
    }

    /// The database `store` names: a PostgreSQL one that can't be reached now is reached by the
    /// writer's retries (the journal holds what comes meanwhile); one of a newer watop is refused.
    static func open(_ location: StoreLocation) throws -> any HistorySink {
        guard location.isPostgres else { return try HistoryDatabase.open(path: location.path) }
        let (address, password) = try location.postgres()
        let postgres = try PostgresHistory(location: address, password: password)
        do {
            try postgres.prepare()
        } catch where error.isPermanent {
            throw error
        } catch {
            // Unreachable for now: the writer keeps trying, and reports it.
        }
        return postgres
    }

    /// Opens the database and starts following `journal` into it; with `withReader`, opens it
    /// for reading too, once the writer made it (the dashboard's History view). Nils without
    /// `--store`.
    func startWriter(following journal: Journal?, withReader: Bool) throws -> (HistoryWriter?, (any HistorySearching)?) {
        guard let writer = try startWriter(following: journal) else { return (nil, nil) }
        guard withReader else { return (writer, nil) }
        do {
            return (writer, try location.openForReading())
        } catch {
            writer.stop()
            throw (error as? HistoryError).map { CommandFailure(message: $0.description) } ?? error
        }
    }

    private func startWriter(following journal: Journal?) throws -> HistoryWriter? {
        guard store != nil, let journal else { return nil }
        do {
            let database = try Self.open(location)
            let retention = HistoryRetention(maximumAgeSeconds: retain.seconds, maximumBytes: retainSize?.bytes)
            let writer = HistoryWriter(
                database: database, source: .journal(journal), receiverName: receiverName ?? Self.hostName,
                settings: HistoryWriter.Settings(bodyBytesKept: Int(bodyBytes.bytes), retention: retention))
            writer.start()
            return writer
        } catch let error as HistoryError {
            throw CommandFailure(message: error.description)
        }
    }
}
