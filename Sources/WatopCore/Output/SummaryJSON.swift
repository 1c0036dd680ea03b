/// The all-time totals of a store as one line of JSON (headless mode prints it last).
public enum SummaryJSON {
    /// - Parameter unprinted: accepted events whose lines headless mode left out, stdout
    ///   having fallen behind.
    /// - Parameter history: how far the history database is (`--store`), when one is kept.
    public static func line(for snapshot: StoreSnapshot, now: UnixTime, unprinted: Int, history: HistoryProgress? = nil) -> String {
        let totals = snapshot.aggregates
        let statuses = JSONObjectWriter.counts(totals.statuses.rows.map { ($0.status.name, $0.count) })
        let rejected = JSONObjectWriter.counts(totals.rejections.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) })
        let errorCodes = JSONObjectWriter.counts(totals.errorCodes.sorted { $0.key < $1.key }.map { ($0.key, $0.value.count) })
        let formats = JSONObjectWriter.counts(CallbackFormat.allCases.map { ($0.rawValue, totals.accepted(in: $0)) })
        let quirks = JSONObjectWriter.counts(totals.quirks.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) })
        let tally = snapshot.messages.total
        let messages = JSONObjectWriter.counts([
            ("seen", tally.seen), ("reached", tally.reached), ("read", tally.read), ("failed", tally.failed),
            ("pending", tally.pending), ("stuck", snapshot.stuck.total), ("evicted", snapshot.messages.evicted),
            ("charged", tally.charged),
        ])
        // Events counted in a table's `other` row, that table being full (`TableBounds`).
        let beyondBounds = JSONObjectWriter.counts([
            ("statuses", totals.statuses.count(of: .other(TableBounds.other))),
            ("error_codes", totals.errorCodes[TableBounds.other]?.count ?? 0),
            ("whatsapp_numbers", totals.whatsappNumbers[TableBounds.other]?.statuses.total ?? 0),
        ])
        var summary = JSONObjectWriter()
        summary.number("accepted", String(totals.accepted))
        summary.raw("formats", formats)
        summary.raw("statuses", statuses)
        summary.raw("messages", messages)
        summary.string("reported_price", totals.price.total.formatted(minimumFractionDigits: 0))
        summary.number("priced_events", String(totals.price.pricedEvents))
        summary.number("rejected_total", String(totals.rejected))
        summary.raw("rejected", rejected)
        summary.raw("error_codes", errorCodes)
        summary.raw("beyond_bounds", beyondBounds)
        summary.raw("tolerated", quirks)
        summary.number("ignored_changes", String(totals.ignoredChanges))
        summary.number("notices", String(totals.notices))
        summary.number("out_of_order", String(snapshot.outOfOrder))
        summary.number("duplicates", String(snapshot.duplicates))
        summary.number("overwritten", String(snapshot.overwritten))
        summary.number("unprinted", String(unprinted))
        if let health = snapshot.forwards?.health {
            summary.raw(
                "forwarded",
                JSONObjectWriter.counts([
                    ("ok", health.delivered), ("refused", health.refused), ("failed", health.failed),
                    ("in_flight", health.inFlight), ("retries", health.retriesRecognised),
                    ("dead_letters", health.deadLettered), ("queued", health.queueDepth),
                ]))
        }
        if let history {
            var stored = JSONObjectWriter()
            stored.number("events_written", String(history.eventsWritten))
            stored.number("backlog_lines", String(history.backlogLines))
            stored.number("backlog_bytes", String(history.backlogBytes))
            stored.number("unreadable_lines", String(history.unreadableLines))
            stored.number("expired", String(history.eventsExpired))
            stored.string("problem", history.problem)
            summary.raw("history", stored.finished())
        }
        summary.number("uptime_seconds", String((now.milliseconds - snapshot.startedAt.milliseconds) / 1000))
        var line = JSONObjectWriter()
        line.raw("summary", summary.finished())
        return line.finished()
    }
}
