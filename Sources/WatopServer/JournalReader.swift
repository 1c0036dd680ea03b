import Foundation
import WatopCore

/// Reads a journal back, line by line, without loading the whole file: for `--resume` and
/// `watop replay`.
public enum JournalReader {
    /// What a read found besides the events.
    public struct Outcome: Sendable {
        /// Requests read back (a Meta webhook may hold several events; a template update, or a
        /// request watop could not read, none).
        public var requests = 0
        public var events = 0
        /// Lines that are not journal records, by line number, with the reason (first ten kept).
        public var unreadable: [(line: Int, reason: String)] = []
        public var unreadableCount = 0
        /// Bytes after the last newline: a write the process did not finish.
        public var partialTailBytes = 0
        /// Segments read, of all the journal's segments; the others were counted from the checkpoint.
        public var segmentsRead = 0
        public var segments = 0
        /// Events counted from the checkpoint, without reading them.
        public var checkpointedEvents = 0
    }

    public static func forEachBatch(in path: String, _ body: (CallbackBatch) -> Void) throws(JournalError) -> Outcome {
        var lines = try JournalLines(path: path)
        defer { lines.close() }
        var outcome = Outcome()
        try read(&lines, into: &outcome) { _, batch in if let batch { body(batch) } }
        return outcome
    }

    /// Reads every line of `lines`, handing each readable one over with the time it came and
    /// its events (nil for a request watop could not read when it came), and counting the rest.
    static func read(
        _ lines: inout JournalLines, into outcome: inout Outcome, _ body: (UnixTime, CallbackBatch?) -> Void
    ) throws(JournalError) {
        while let (line, _) = try lines.next() {
            do throws(JournalRecord.Unreadable) {
                let (receivedAt, batch) = try JournalRecord.recorded(fromLine: line)
                outcome.requests += 1
                outcome.events += batch?.events.count ?? 0
                body(receivedAt, batch)
            } catch {
                outcome.unreadableCount += 1
                if outcome.unreadable.count < 10 { outcome.unreadable.append((lines.lineNumber, error.description)) }
            }
        }
        outcome.partialTailBytes += lines.partialTailBytes
    }
}
