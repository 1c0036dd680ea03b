/// The tables of the history, by version: the one definition the SQLite and PostgreSQL stores
/// create and check.
///
/// - `receivers`: one row per watop writing to the database, with how far into its journal the
///   tables hold.
/// - `requests`: one row per journal line (an accepted request), keyed by its receiver and the
///   line's position in that receiver's journal, with the raw request: its method, target and
///   headers (one `Name: value` line each) whole, its body up to the store's limit.
/// - `events`: one row per event, keyed by its request and its place in it (a Meta webhook may
///   carry several), with every field of the event.
/// - `forwards` (version 2): what became of a request forwarded to the app, keyed as its
///   request: the state of its latest attempt, the app's status, how many attempts.
///
/// The keys are the journal's own positions, so writing a line twice (a restart part-way
/// through a batch, a rebuild) leaves one row.
public enum HistorySchema {
    /// The version this watop writes; a database of a newer one is refused.
    public static var version: Int { steps(for: .sqlite).count }

    /// The ORDER BY of every search of `events`: by the time received, then by the row's key,
    /// the order `HistoryCursor` pages along. The time indexes serve the first part.
    public static func eventOrder(newestFirst: Bool) -> String {
        let direction = newestFirst ? "DESC" : "ASC"
        return ["received_ms", "receiver", "position", "part"].map { "\($0) \(direction)" }.joined(separator: ", ")
    }

    /// The statements that take a database of `version` (0: empty) to this watop's version, in
    /// one transaction: a database made by an older watop is brought up to date at start.
    public static func statements(from version: Int = 0, for dialect: SQLDialect) -> [String] {
        steps(for: dialect).dropFirst(version).flatMap { $0 }
    }

    /// Each version's statements, from the one before it.
    private static func steps(for dialect: SQLDialect) -> [[String]] {
        [firstVersion(for: dialect), forwards(for: dialect)]
    }

    /// Version 2: the forward outcomes.
    private static func forwards(for dialect: SQLDialect) -> [String] {
        let integer = dialect.type(of: .integer)
        return [
            """
            CREATE TABLE forwards (
                receiver \(integer) NOT NULL REFERENCES receivers(receiver),
                position \(integer) NOT NULL,
                state TEXT NOT NULL,
                status \(integer),
                failure TEXT,
                attempts \(integer) NOT NULL,
                latency_us \(integer) NOT NULL,
                attempted_ms \(integer) NOT NULL,
                PRIMARY KEY (receiver, position)
            )
            """
        ]
    }

    /// The columns of `forwards` a write gives, in order.
    public static let forwardColumns = "receiver, position, state, status, failure, attempts, latency_us, attempted_ms"

    /// What a write of a request's forward outcome does when the request has one already: the
    /// later attempt wins, whichever order the writes come in.
    public static let forwardConflict = """
        ON CONFLICT (receiver, position) DO UPDATE SET state = excluded.state, status = excluded.status,
        failure = excluded.failure, attempts = excluded.attempts, latency_us = excluded.latency_us,
        attempted_ms = excluded.attempted_ms
        WHERE excluded.attempts >= forwards.attempts
        """

    /// Version 1: receivers, requests and events.
    private static func firstVersion(for dialect: SQLDialect) -> [String] {
        let key = dialect == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        let integer = dialect.type(of: .integer)
        let bytes = dialect == .sqlite ? "BLOB" : "BYTEA"
        let eventColumns = HistoryColumn.allCases.map { column in
            "\(column.rawValue) \(dialect.type(of: column.kind))\(column.isRequired ? " NOT NULL" : "")"
        }
        return [
            """
            CREATE TABLE receivers (
                receiver \(key),
                name TEXT NOT NULL UNIQUE,
                journal_position \(integer) NOT NULL DEFAULT 0,
                written_ms \(integer)
            )
            """,
            """
            CREATE TABLE requests (
                receiver \(integer) NOT NULL REFERENCES receivers(receiver),
                position \(integer) NOT NULL,
                received_ms \(integer) NOT NULL,
                format TEXT,
                client TEXT,
                method TEXT NOT NULL,
                target TEXT NOT NULL,
                headers TEXT NOT NULL,
                body \(bytes),
                body_bytes \(integer) NOT NULL,
                events \(integer) NOT NULL,
                PRIMARY KEY (receiver, position)
            )
            """,
            """
            CREATE TABLE events (
                row \(key),
                receiver \(integer) NOT NULL,
                position \(integer) NOT NULL,
                part \(integer) NOT NULL,
                \(eventColumns.joined(separator: ",\n    "))
            )
            """,
            // Writing a line twice leaves one row.
            "CREATE UNIQUE INDEX events_by_request ON events (receiver, position, part)",
            // A message's lifecycle (`history --id`, the detail view).
            "CREATE INDEX events_by_id ON events (id, received_ms)",
            // Time ranges, retention, and paging back from the newest.
            "CREATE INDEX events_by_time ON events (received_ms)",
            // A status over a time range: the question asked most after a message's own.
            "CREATE INDEX events_by_status ON events (status, received_ms)",
            "CREATE INDEX requests_by_time ON requests (received_ms)",
        ]
    }
}
