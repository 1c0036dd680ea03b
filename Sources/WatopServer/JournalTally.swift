import WatopCore

/// What a stretch of the journal holds, in the terms a start needs: how many lines and events,
/// when the newest came, and the totals its events add to the dashboard, as a resume would
/// count them (events and the details of their requests; rejections are this process's own).
public struct JournalTally: Sendable {
    public var lines = 0
    public var events = 0
    /// The time of the newest line: retention counts from it.
    public var lastReceived: UnixTime?
    public var totals = Aggregates()

    public init() {}

    /// Counts one line, with the events watop read from it (none for a request it could not read).
    public mutating func add(lineReceivedAt time: UnixTime, batch: CallbackBatch?) {
        lines += 1
        lastReceived = max(lastReceived ?? time, time)
        guard let batch else { return }
        events += batch.events.count
        for event in batch.events { totals.add(event) }
        totals.addRequestDetails(of: batch)
    }

    /// This tally followed by `later`'s.
    public mutating func merge(_ later: JournalTally) {
        lines += later.lines
        events += later.events
        lastReceived = later.lastReceived ?? lastReceived
        totals.merge(later.totals)
    }
}
