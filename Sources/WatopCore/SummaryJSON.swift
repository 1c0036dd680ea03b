/// The all-time totals of a store as one line of JSON (headless mode prints it last).
public enum SummaryJSON {
    /// - Parameter unprinted: accepted events whose lines headless mode left out, stdout
    ///   having fallen behind.
    public static func line(for snapshot: StoreSnapshot, now: UnixTime, unprinted: Int) -> String {
        let totals = snapshot.aggregates
        var statuses = JSONObjectWriter()
        for row in totals.statuses.rows { statuses.number(row.status.name, String(row.count)) }
        var rejected = JSONObjectWriter()
        for (reason, count) in totals.rejections.sorted(by: { $0.key < $1.key }) {
            rejected.number(reason.rawValue, String(count))
        }
        var errorCodes = JSONObjectWriter()
        for (code, tally) in totals.errorCodes.sorted(by: { $0.key < $1.key }) {
            errorCodes.number(code, String(tally.count))
        }
        var formats = JSONObjectWriter()
        for format in CallbackFormat.allCases { formats.number(format.rawValue, String(totals.accepted(in: format))) }
        var quirks = JSONObjectWriter()
        for (quirk, count) in totals.quirks.sorted(by: { $0.key < $1.key }) { quirks.number(quirk.rawValue, String(count)) }
        let tally = snapshot.messages.total
        var messages = JSONObjectWriter()
        messages.number("seen", String(tally.seen))
        messages.number("reached", String(tally.reached))
        messages.number("read", String(tally.read))
        messages.number("failed", String(tally.failed))
        messages.number("pending", String(tally.pending))
        messages.number("evicted", String(snapshot.messages.evicted))
        var summary = JSONObjectWriter()
        summary.number("accepted", String(totals.accepted))
        summary.raw("formats", formats.finished())
        summary.raw("statuses", statuses.finished())
        summary.raw("messages", messages.finished())
        summary.string("reported_price", totals.price.total.formatted(minimumFractionDigits: 0))
        summary.number("priced_events", String(totals.price.pricedEvents))
        summary.number("rejected_total", String(totals.rejected))
        summary.raw("rejected", rejected.finished())
        summary.raw("error_codes", errorCodes.finished())
        summary.raw("tolerated", quirks.finished())
        summary.number("ignored_changes", String(totals.ignoredChanges))
        summary.number("out_of_order", String(snapshot.outOfOrder))
        summary.number("duplicates", String(snapshot.duplicates))
        summary.number("overwritten", String(snapshot.overwritten))
        summary.number("unprinted", String(unprinted))
        if let health = snapshot.forwards?.health {
            var forwarded = JSONObjectWriter()
            forwarded.number("ok", String(health.delivered))
            forwarded.number("refused", String(health.refused))
            forwarded.number("failed", String(health.failed))
            forwarded.number("in_flight", String(health.inFlight))
            forwarded.number("retries", String(health.retriesRecognised))
            forwarded.number("dead_letters", String(health.deadLettered))
            forwarded.number("queued", String(health.queueDepth))
            summary.raw("forwarded", forwarded.finished())
        }
        summary.number("uptime_seconds", String((now.milliseconds - snapshot.startedAt.milliseconds) / 1000))
        var line = JSONObjectWriter()
        line.raw("summary", summary.finished())
        return line.finished()
    }
}
