import GRDB
import WatopCore

/// How long the history keeps events (`--retain 30d`) and how large it may grow
/// (`--retain-size 2GB`): the oldest go first, a slice at a time, and the freed pages are
/// given back to the file system by incremental vacuum.
public struct HistoryRetention: Sendable, Equatable {
    public var maximumAgeSeconds: Int64?
    public var maximumBytes: Int64?

    public static let unlimited = HistoryRetention()

    public init(maximumAgeSeconds: Int64? = nil, maximumBytes: Int64? = nil) {
        self.maximumAgeSeconds = maximumAgeSeconds
        self.maximumBytes = maximumBytes
    }

    /// Rows deleted per statement: a transaction short enough that the writer's next batch
    /// and the readers never wait long behind it.
    static let rowsPerSlice = 20_000

    /// Removes what is past the limits; returns the events removed.
    func enforce(on database: HistoryDatabase, now: UnixTime) throws(HistoryError) -> Int {
        var removed = 0
        if let maximumAgeSeconds {
            removed += try removeEvents(receivedBefore: now.milliseconds - maximumAgeSeconds * 1000, from: database)
        }
        if let maximumBytes {
            // Each pass removes the share of the oldest rows by which the file is too large,
            // and at least one slice, until it fits or is empty.
            while let usage = try database.usage(), usage.bytes > maximumBytes, usage.events > 0 {
                let excess = Double(usage.bytes - maximumBytes) / Double(usage.bytes)
                let count = max(Self.rowsPerSlice, Int(excess * Double(usage.events)) + 1)
                guard let cutoff = try database.receivedTime(ofOldest: count) else { break }
                let slice = try removeEvents(receivedBefore: cutoff + 1, from: database)
                removed += slice
                if slice == 0 { break }
            }
        }
        return removed
    }

    private func removeEvents(receivedBefore cutoff: Int64, from database: HistoryDatabase) throws(HistoryError) -> Int {
        var removed = 0
        while true {
            let slice = try database.writing { database in
                try database.execute(
                    sql: """
                        DELETE FROM events WHERE row IN
                        (SELECT row FROM events WHERE received_ms < ? ORDER BY received_ms LIMIT ?)
                        """, arguments: [cutoff, Self.rowsPerSlice])
                let events = database.changesCount
                try database.execute(
                    sql: """
                        DELETE FROM requests WHERE rowid IN
                        (SELECT rowid FROM requests WHERE received_ms < ? ORDER BY received_ms LIMIT ?)
                        """, arguments: [cutoff, Self.rowsPerSlice])
                return events
            }
            removed += slice
            if slice < Self.rowsPerSlice { break }
        }
        if removed > 0 {
            // An attempt begins after its request came, so no outcome of a kept request goes.
            try database.writing { try $0.execute(sql: "DELETE FROM forwards WHERE attempted_ms < ?", arguments: [cutoff]) }
            try database.vacuumIncrementally()
        }
        return removed
    }
}
