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
        // Where the request stands: in queue mode a 503 leaves it queued, a 404 sets it aside.
        appendOutcome(
            attempts: record.attempts.count, state: record.state, status: attempt.status, failure: attempt.failure,
            latencyMicroseconds: attempt.latencyMicroseconds, at: attempt.startedAt, to: &line)
        return line.finished()
    }

    /// What the history kept of a message's request forwarded to the app (`watop history --id`):
    /// the fields of the line above that it keeps, with the message and its receiver.
    public static func line(for outcome: ForwardOutcome, id: String, receiver: String) -> String {
        var line = JSONObjectWriter()
        line.string("type", "forward")
        line.string("id", id)
        line.string("receiver", receiver)
        appendOutcome(
            attempts: outcome.attempts, state: outcome.state, status: outcome.status, failure: outcome.failure,
            latencyMicroseconds: outcome.latencyMicroseconds, at: outcome.attemptedAt, to: &line)
        return line.finished()
    }

    /// The fields both lines end with: how many attempts, where the request stands, and the
    /// latest attempt's answer, time taken and start.
    private static func appendOutcome(
        attempts: Int, state: ForwardState, status: Int?, failure: String?, latencyMicroseconds: Int64, at start: UnixTime,
        to line: inout JSONObjectWriter
    ) {
        line.number("attempt", String(attempts))
        line.string("outcome", state.name)
        if let status { line.number("status", String(status)) }
        line.string("error", failure)
        line.number("latency_ms", millisecondsText(latencyMicroseconds))
        line.time("at", start)
    }

    /// Microseconds as milliseconds with three decimals, exactly (no binary fraction).
    public static func millisecondsText(_ micros: Int64) -> String {
        let whole = micros / 1000
        let fraction = String(micros % 1000)
        return "\(whole)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
