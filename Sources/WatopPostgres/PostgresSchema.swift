import Logging
import PostgresNIO
import WatopCore
import WatopHistory

/// Creates or checks the history's tables in PostgreSQL, under an advisory lock, so that
/// receivers starting at once neither race to create them nor see them half made; and makes
/// the connection's temporary tables that batches are copied into.
enum PostgresSchema {
    static func prepare(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresHistory.schemaLock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS watop_schema (version INTEGER NOT NULL)", logger: logger)
            let rows = try await connection.query("SELECT max(version) FROM watop_schema", logger: logger).collect()
            let version = try rows.first?.decode(Int?.self) ?? nil
            if let version, version > HistorySchema.version {
                throw HistoryError(
                    "the history database is of schema version \(version), newer than this watop's "
                        + "(\(HistorySchema.version)): use a newer watop", isPermanent: true)
            }
            // A database of an older watop is brought up to date, one version after another.
            let current = version ?? 0
            if current < HistorySchema.version {
                for statement in HistorySchema.statements(from: current, for: .postgres) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO watop_schema (version) VALUES (\(HistorySchema.version))", logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        let eventColumns = PostgresHistory.eventColumns.joined(separator: ", ")
        for statement in [
            "CREATE TEMPORARY TABLE incoming_requests ON COMMIT DELETE ROWS AS SELECT * FROM requests WITH NO DATA",
            "CREATE TEMPORARY TABLE incoming_events ON COMMIT DELETE ROWS AS SELECT \(eventColumns) FROM events WITH NO DATA",
        ] {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }
}

extension PostgresSchema {
    /// For a reader (`watop attach`): the tables must be there, of a version this watop reads.
    static func check(on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query(
            "SELECT to_regclass('watop_schema') IS NOT NULL", logger: logger
        ).collect()
        guard try rows.first?.decode(Bool.self) == true else {
            throw HistoryError("the database holds no watop history yet: start a receiver with --store on it first", isPermanent: true)
        }
        let versions = try await connection.query("SELECT max(version) FROM watop_schema", logger: logger).collect()
        let version = try versions.first?.decode(Int?.self) ?? 0
        if version > HistorySchema.version {
            throw HistoryError(
                "the history database is of schema version \(version), newer than this watop's "
                    + "(\(HistorySchema.version)): use a newer watop", isPermanent: true)
        }
        if version < HistorySchema.version {
            throw HistoryError(
                "the history database is of schema version \(version), older than this watop's "
                    + "(\(HistorySchema.version)): start a receiver of this watop on it once to bring it up to date",
                isPermanent: true)
        }
    }
}
