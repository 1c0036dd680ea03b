import WatopCore

/// `--resume`: the dashboard as it was, from the journal. The totals of the older segments
/// come from the checkpoint; only the newest segments are read, enough to fill the events
/// buffer, and any segment the checkpoint has no tally of (those sealed at this start, a
/// journal written before segments existed). So a start reads about `--buffer` events and one
/// segment, however long the journal is.
public enum JournalResume {
    public static func load(
        _ journal: Journal, into store: EventStore, capacity: Int
    ) throws(JournalError) -> JournalReader.Outcome {
        let segments = try JournalSegments.list(of: journal.path).filter { $0.size > 0 }
        let checkpoint = journal.checkpoint
        let reading = segmentsToRead(segments, checkpoint: checkpoint, capacity: capacity)
        var outcome = JournalReader.Outcome()
        outcome.segments = segments.count
        outcome.segmentsRead = reading.count
        store.mergeTotals(checkpoint.retired.totals)
        outcome.checkpointedEvents = checkpoint.retired.events
        for segment in segments {
            guard reading.contains(segment.base) else {
                let tally = checkpoint.segments[segment.base] ?? JournalTally()
                store.mergeTotals(tally.totals)
                outcome.checkpointedEvents += tally.events
                continue
            }
            var lines = try JournalLines(path: segment.path, segments: [segment])
            defer { lines.close() }
            var tally = JournalTally()
            try JournalReader.read(&lines, into: &outcome) { receivedAt, batch in
                tally.add(lineReceivedAt: receivedAt, batch: batch)
                if let batch { store.restore(batch) }
            }
            if segment.isSealed, checkpoint.segments[segment.base] == nil {
                try journal.recordTally(tally, ofSegmentAt: segment.base)
            }
        }
        return outcome
    }

    /// The segments to read: from the newest back until they hold `capacity` events, and
    /// every segment without a tally in the checkpoint (its events estimated from its size,
    /// at the bytes per event of the tallied ones).
    static func segmentsToRead(
        _ segments: [JournalSegments.Segment], checkpoint: JournalCheckpoint, capacity: Int
    ) -> Set<Int64> {
        let tallied = segments.compactMap { segment in checkpoint.segments[segment.base].map { (segment.size, $0.events) } }
        let talliedEvents = tallied.reduce(0) { $0 + $1.1 }
        let bytesPerEvent = talliedEvents > 0 ? max(1, tallied.reduce(0) { $0 + $1.0 } / Int64(talliedEvents)) : 1024
        var reading: Set<Int64> = []
        var wanted = capacity
        for segment in segments.reversed() {
            let tally = segment.isSealed ? checkpoint.segments[segment.base] : nil
            if tally == nil || wanted > 0 { reading.insert(segment.base) }
            if wanted > 0 { wanted -= tally?.events ?? Int(segment.size / bytesPerEvent) }
        }
        return reading
    }
}
