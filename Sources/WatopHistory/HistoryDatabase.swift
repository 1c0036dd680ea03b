import Foundation
import GRDB
import WatopCore

/// The SQLite history (`--store PATH`): what the journal holds, as tables that answer
/// questions (see `HistorySchema`).
///
/// WAL mode, so that `watop history` and the dashboard read while the store writes; one
/// writer, the store's own thread (`HistoryWriter`). Incremental vacuum is set when the file
/// is created, so that retention gives space back a little at a time, never in one long lock.
public final class HistoryDatabase: HistorySink {
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens the database at `path`, creating it (and its folder) when missing.
    /// - Parameter readOnly: for readers (`watop history`): nothing is created or changed.
    public static func open(path: String, readOnly: Bool = false) throws(HistoryError) -> HistoryDatabase {
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw HistoryError(
                "no history database at \(path): start watop with --store \(path) first (to search the default one for a word, put --store after it)")
        }
        if !readOnly {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw HistoryError("cannot create the folder of the history database \(path): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        // A reader may meet the writer's checkpoint, and two watops a rebuild: wait, don't fail.
        configuration.busyMode = .timeout(10)
        configuration.label = "watop-history"
        // The writer keeps its transaction open while more journal lines are ready (`write`).
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { database in
            // WAL with synchronous NORMAL is durable against a crash of watop; a power cut may
            // lose the last transactions, which the journal still holds and a start writes again.
            if !readOnly { try database.execute(sql: "PRAGMA synchronous = NORMAL") }
            // The message-id index takes rows in random order: past a few million events its
            // pages are touched all over, and SQLite's default cache (2 MB) would send most of
            // those touches to the disk.
            try database.execute(sql: "PRAGMA cache_size = -65536")
        }
        if !readOnly, !FileManager.default.fileExists(atPath: path) {
            // 0600, as the journal: the database holds the requests' headers, the app's own included.
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw HistoryError("cannot open the history database \(path): \(Self.reason(error))")
        }
        let database = HistoryDatabase(path: path, pool: pool)
        try database.checkSchema(creating: !readOnly)
        return database
    }

    /// Creates the tables in a new file, brings a file of an older watop up to date; refuses a
    /// file of a newer watop.
    private func checkSchema(creating: Bool) throws(HistoryError) {
        try described("read") {
            let version = try pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            if version > HistorySchema.version {
                throw HistoryError(
                    "the history database \(path) is of schema version \(version), newer than this watop's "
                        + "(\(HistorySchema.version)): use a newer watop, or another --store")
            }
            guard version < HistorySchema.version else { return }
            guard creating else {
                throw HistoryError(
                    version == 0
                        ? "\(path) is not a watop history database (it has no tables)"
                        : "the history database \(path) is of schema version \(version), older than this watop's "
                            + "(\(HistorySchema.version)): start `watop --store` with it once to bring it up to date")
            }
            try pool.writeWithoutTransaction { database in
                if version == 0 {
                    let tables = try Int.fetchOne(database, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    guard tables == 0 else {
                        throw HistoryError("\(path) is not a watop history database: it holds other tables")
                    }
                    // Set before the first table; the file already has its header (WAL mode writes
                    // it), so VACUUM rewrites the empty file with the setting.
                    try database.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try database.execute(sql: "VACUUM")
                }
                try database.inTransaction {
                    for statement in HistorySchema.statements(from: version, for: .sqlite) { try database.execute(sql: statement) }
                    try database.execute(sql: "PRAGMA user_version = \(HistorySchema.version)")
                    return .commit
                }
            }
        }
    }

    /// A receiver's number in the tables and how far into its journal they hold; the receiver
    /// is added when new.
    public func receiver(named name: String) throws(HistoryError) -> (id: Int64, journalPosition: Int64) {
        try writing { database in
            try database.execute(sql: "INSERT OR IGNORE INTO receivers (name) VALUES (?)", arguments: [name])
            let row = try Row.fetchOne(
                database, sql: "SELECT receiver, journal_position FROM receivers WHERE name = ?", arguments: [name])!
            return (row[0], row[1])
        }
    }

    /// How far into its journal the tables hold a receiver's lines.
    public func journalPosition(of receiver: Int64) throws(HistoryError) -> Int64 {
        try reading { database in
            try Int64.fetchOne(database, sql: "SELECT journal_position FROM receivers WHERE receiver = ?", arguments: [receiver])
                ?? 0
        }
    }

    /// Writes journal lines, with how far into the journal the tables then hold, in a
    /// transaction that stays open while `moreReady` says the next lines follow at once, and
    /// commits at the first write without. Rows already there (a line written twice) are left
    /// as they are; a failure rolls back every line since the last commit.
    /// - Parameter bodyBytesKept: how much of each request's body is kept.
    public func write(
        _ requests: [JournaledRequest], receiver: Int64, upTo journalPosition: Int64, bodyBytesKept: Int, now: UnixTime,
        moreReady: Bool = false
    ) throws(HistoryError) {
        try described("write") {
            try pool.writeWithoutTransaction { database in
                try Self.transaction(on: database, keepingOpen: moreReady) {
                    try insert(requests, receiver: receiver, upTo: journalPosition, bodyBytesKept: bodyBytesKept, now: now, into: database)
                }
            }
        }
    }

    public func write(_ outcomes: [ForwardOutcome], receiver: Int64) throws(HistoryError) {
        try writing { database in
            let statement = try database.cachedStatement(
                sql: "INSERT INTO forwards (\(HistorySchema.forwardColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + HistorySchema.forwardConflict)
            for outcome in outcomes {
                try statement.execute(arguments: [
                    receiver, outcome.journalPosition, outcome.state.name, outcome.status, outcome.failure, outcome.attempts,
                    outcome.latencyMicroseconds, outcome.attemptedAt.milliseconds,
                ])
            }
        }
    }

    private func insert(
        _ requests: [JournaledRequest], receiver: Int64, upTo journalPosition: Int64, bodyBytesKept: Int, now: UnixTime,
        into database: Database
    ) throws {
        var requestRow = SQLiteInsert(
            try database.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO requests
                    (receiver, position, received_ms, format, client, method, target, headers, body, body_bytes, events)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """), in: database)
        var eventRow = SQLiteInsert(try database.cachedStatement(sql: Self.insertEvent), in: database)
        for request in requests {
            let raw = request.request
            for value in [receiver, request.position, request.receivedAt.milliseconds] { requestRow.bind(value) }
            requestRow.bind(request.format?.rawValue)
            requestRow.bind(request.client)
            requestRow.bind(raw.method)
            raw.withTarget { requestRow.bind(text: $0) }
            requestRow.bind(StoredRequest.lines(of: raw.headers))
            raw.withBody { requestRow.bind(blob: UnsafeBufferPointer(rebasing: $0.prefix(bodyBytesKept))) }
            requestRow.bind(Int64(raw.bodyCount))
            requestRow.bind(Int64(request.events.count))
            try requestRow.run()
            for part in request.events.indices {
                for value in [receiver, request.position, Int64(part)] { eventRow.bind(value) }
                HistoryRecord.lendCells(of: request.events[part]) { eventRow.bind($0) }
                try eventRow.run()
            }
        }
        try database.execute(
            sql: "UPDATE receivers SET journal_position = ?, written_ms = ? WHERE receiver = ?",
            arguments: [journalPosition, now.milliseconds, receiver])
    }

    public func enforce(_ retention: HistoryRetention, now: UnixTime) throws(HistoryError) -> Int {
        try retention.enforce(on: self, now: now)
    }

    /// The pool closes its connections when it goes; nothing to do before.
    public func close() {}

    /// Removes a receiver's rows and starts its journal position over (`watop store rebuild`).
    public func forget(receiver: Int64) throws(HistoryError) {
        try writing { database in
            try database.execute(sql: "DELETE FROM events WHERE receiver = ?", arguments: [receiver])
            try database.execute(sql: "DELETE FROM requests WHERE receiver = ?", arguments: [receiver])
            try database.execute(
                sql: "UPDATE receivers SET journal_position = 0, written_ms = NULL WHERE receiver = ?", arguments: [receiver])
        }
    }

    /// The file's size less its free pages, and the events it holds.
    func usage() throws(HistoryError) -> (bytes: Int64, events: Int)? {
        try reading { database in
            let pageSize = try Int64.fetchOne(database, sql: "PRAGMA page_size") ?? 0
            let pages = try Int64.fetchOne(database, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(database, sql: "PRAGMA freelist_count") ?? 0
            // Rows go oldest first, so the span of row numbers counts them without a scan.
            let events = try Int.fetchOne(database, sql: "SELECT coalesce(max(row) - min(row) + 1, 0) FROM events") ?? 0
            return ((pages - free) * pageSize, events)
        }
    }

    /// When the `count`th oldest event was received.
    func receivedTime(ofOldest count: Int) throws(HistoryError) -> Int64? {
        try reading { database in
            try Int64.fetchOne(
                database, sql: "SELECT received_ms FROM events ORDER BY received_ms LIMIT 1 OFFSET ?", arguments: [count - 1])
                ?? Int64.fetchOne(database, sql: "SELECT max(received_ms) FROM events")
        }
    }

    /// Gives the free pages back to the file system.
    func vacuumIncrementally() throws(HistoryError) {
        try described("vacuum") { try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA incremental_vacuum") } }
    }

    private static let insertEvent =
        "INSERT OR IGNORE INTO events (receiver, position, part, "
        + HistoryColumn.allCases.map(\.rawValue).joined(separator: ", ") + ") VALUES (?, ?, ?"
        + String(repeating: ", ?", count: HistoryColumn.allCases.count) + ")"

    /// Runs `body` in a write transaction, its failure in words. Lines the writer left in an
    /// open transaction are whole, with their position: they are committed with `body`.
    func writing<Result: Sendable>(_ body: (Database) throws -> Result) throws(HistoryError) -> Result {
        try described("write") {
            try pool.writeWithoutTransaction { database in
                try Self.transaction(on: database, keepingOpen: false) { try body(database) }
            }
        }
    }

    /// Runs `body` in the transaction the writer left open, else in a new one, and commits it
    /// unless `keepingOpen`; a failure rolls it back whole.
    private static func transaction<Result>(
        on database: Database, keepingOpen: Bool, _ body: () throws -> Result
    ) throws -> Result {
        if !database.isInsideTransaction { try database.beginTransaction() }
        do {
            let result = try body()
            if !keepingOpen { try database.commit() }
            return result
        } catch {
            try? database.rollback()
            throw error
        }
    }

    /// Runs `body` on a reader, its failure in words.
    func reading<Result: Sendable>(_ body: (Database) throws -> Result) throws(HistoryError) -> Result {
        try described("read") { try pool.read(body) }
    }

    /// Runs `work`; a failure that is not already in words says what could not be done
    /// (`doing`: read, write, vacuum) and why.
    private func described<Result>(_ doing: String, _ work: () throws -> Result) throws(HistoryError) -> Result {
        do {
            return try work()
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError("cannot \(doing) the history database \(path): \(Self.reason(error))")
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}

