import WatopCore

/// A database the history writer keeps up with the journal: SQLite here, PostgreSQL for a
/// fleet. Calls come from the writer's own thread, one at a time; each may block.
public protocol HistorySink: Sendable {
    /// A receiver's number in the tables, added when new, and how far into its journal the
    /// tables hold its lines.
    func receiver(named name: String) throws(HistoryError) -> (id: Int64, journalPosition: Int64)

    /// How far into its journal the tables hold a receiver's lines.
    func journalPosition(of receiver: Int64) throws(HistoryError) -> Int64

    /// Writes journal lines and the new position in one transaction; rows already there (a
    /// line written twice) are left as they are.
    /// - Parameter moreReady: the journal's next lines are ready and follow at once: the sink
    ///   may leave the transaction open for them, and commits it at the first write without.
    ///   Nothing of an open transaction counts as written until then.
    func write(
        _ requests: [JournaledRequest], receiver: Int64, upTo journalPosition: Int64, bodyBytesKept: Int, now: UnixTime,
        moreReady: Bool
    ) throws(HistoryError)

    /// Keeps where forwarded requests stand, each by its journal position; a request's later
    /// attempt replaces an earlier one, whichever is written first.
    func write(_ outcomes: [ForwardOutcome], receiver: Int64) throws(HistoryError)

    /// Removes a receiver's rows and starts its journal position over (`watop store rebuild`).
    func forget(receiver: Int64) throws(HistoryError)

    /// Removes what is past the retention; returns the events removed.
    func enforce(_ retention: HistoryRetention, now: UnixTime) throws(HistoryError) -> Int

    /// Lets go of the connection, once the writer has stopped.
    func close()
}
