import GRDB
import GRDBSQLite
import WatopCore

/// An insert statement bound and run through SQLite's own calls. The writer runs one per
/// request and one per event, at tens of thousands a second: building GRDB's statement
/// arguments (an array of enum values, a String per field) cost more than SQLite's own work,
/// and here each field's bytes are bound from the event in place.
struct SQLiteInsert {
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?
    private var index: Int32 = 1

    init(_ statement: Statement, in database: Database) {
        handle = statement.sqliteStatement
        connection = database.sqliteConnection
    }

    /// SQLite copies the bytes it is given: they need only live through the bind call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ number: Int64?) {
        if let number { sqlite3_bind_int64(handle, index, number) } else { sqlite3_bind_null(handle, index) }
        index += 1
    }

    mutating func bind(_ text: String?) {
        guard var text else { return bind(nil as Int64?) }
        text.withUTF8 { bind(text: $0) }
    }

    mutating func bind(text bytes: UnsafeBufferPointer<UInt8>) {
        // A valid pointer even for empty text, which SQLite would otherwise read as NULL.
        let empty: UInt8 = 0
        _ = withUnsafePointer(to: empty) { fallback in
            sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress ?? fallback), Int32(bytes.count), Self.transient)
        }
        index += 1
    }

    mutating func bind(blob bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty {
            sqlite3_bind_null(handle, index)
        } else {
            sqlite3_bind_blob(handle, index, UnsafeRawPointer(bytes.baseAddress), Int32(bytes.count), Self.transient)
        }
        index += 1
    }

    mutating func bind(_ cell: HistoryRecord.Cell) {
        switch cell {
        case .null: bind(nil as Int64?)
        case .integer(let number): bind(number)
        case .text(let bytes): bind(text: bytes)
        }
    }

    /// Runs the statement with the values bound since the last run.
    mutating func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        index = 1
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) })
        }
    }
}
