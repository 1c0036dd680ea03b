/// A forward attempt as one line of headless output: `{"type":"forward",…}`, printed after
/// the events of its request, so that a reader of the stream sees what became of each.
public enum ForwardJSON {
    public static func line(for update: ForwardRecordUpdate) -> String {
        let record = update.record
        let attempt = update.attempt
        var line = JSONObjectWriter()
        line.string("type", "forward")
        line.number("forward_id", String(record.id))
        if let sequences = record.sequences, !sequences.isEmpty {
            line.raw("seq", "[" + sequences.map { String($0) }.joined(separator: ",") + "]")
        }
        line.string("method", record.method)
        line.string("target", record.target)
        line.number("attempt", String(record.attempts.count))
        // Where the request stands: in queue mode a 503 leaves it queued, a 404 sets it aside.
        line.string("outcome", record.state.name)
        if let status = attempt.status { line.number("status", String(status)) }
        line.string("error", attempt.failure)
        line.number("latency_ms", millisecondsText(attempt.latencyMicroseconds))
        line.time("at", attempt.startedAt)
        return line.finished()
    }

    /// What the history kept of a message's request forwarded to the app (`watop history --id`):
    /// the fields of the line above that it keeps, with the message and its receiver.
    public static func line(for outcome: ForwardOutcome, id: String, receiver: String) -> String {
        var line = JSONObjectWriter()
        line.string("type", "forward")
        line.string("id", id)
        line.string("receiver", receiver)
        line.number("attempt", String(outcome.attempts))
        line.string("outcome", outcome.state.name)
        if let status = outcome.status { line.number("status", String(status)) }
        line.string("error", outcome.failure)
        line.number("latency_ms", millisecondsText(outcome.latencyMicroseconds))
        line.time("at", outcome.attemptedAt)
        return line.finished()
    }

    /// Microseconds as milliseconds with three decimals, exactly (no binary fraction).
    public static func millisecondsText(_ micros: Int64) -> String {
        let whole = micros / 1000
        let fraction = String(micros % 1000)
        return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
