import ArgumentParser
import WatopCore
import WatopHistory
import WatopPostgres
import WatopUI

/// `watop history`: the events a `--store` database keeps, searched with the dashboard's
/// filter compiled to SQL, or one message's whole lifecycle.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Search the events a --store database keeps, with the dashboard's filter.",
        discussion: """
            The filter is the dashboard's (see `watop run --help`), run in the database; a term it \
            cannot translate (fwd:) is refused. Events come newest first. Free text without a time \
            term or --since searches the last \(DurationText.text(seconds: freeTextSpan)) only. \
            With --id, the message's whole lifecycle comes oldest first, each event with the \
            receiver that took it and the request as kept.
            """
    )

    enum Output: String, ExpressibleByArgument, CaseIterable {
        case table, csv, ndjson
    }

    /// How far back free text searches when nothing bounds it in time: no index serves free text.
    static let freeTextSpan: Int64 = 86_400

    @Argument(help: "Filter terms, as in the dashboard: status:failed to:91* price>0 since:2h …; put -- before a negated term (-- -status:read).")
    var filter: [String] = []

    @OptionGroup var location: StoreLocation

    @Option(help: "Only events received in this span before now: 90s, 15m, 24h, 7d.")
    var since: SpanOfTime?

    @Option(help: ArgumentHelp("Only events received before this UTC time: 14:05, 2026-12-01 or 2026-12-01T10:00.", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Only events of the receiver of this name (its --receiver-name).", valueName: "name"))
    var receiver: String?

    @Option(help: "table: aligned columns; csv: every stored field, RFC 4180; ndjson: the headless JSON lines.")
    var format: Output = .table

    @Option(help: "At most this many events (the newest).")
    var limit = 1000

    @Option(help: ArgumentHelp("One message's whole lifecycle, oldest first, with the requests kept.", valueName: "message-id"))
    var id: String?

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit \(limit) must be at least 1") }
        if id != nil, !filter.isEmpty || since != nil || until != nil || receiver != nil {
            throw ValidationError("--id shows a message's whole lifecycle: it takes no filter, --since, --until or --receiver")
        }
    }

    func run() throws {
        let database: any HistorySearching
        do {
            database = try location.openForReading()
        } catch {
            StandardStreams.writeError("watop history: \(error)\n")
            throw ExitCode(1)
        }
        defer { database.close() }
        do {
            if let id { return try lifecycle(of: id, in: database) }
            try search(database)
        } catch let error as HistoryError {
            StandardStreams.writeError("watop history: \(error)\n")
            throw ExitCode(1)
        }
    }

    private func search(_ database: any HistorySearching) throws {
        let now = UnixTime.now()
        var terms = filter
        if let since { terms.append("since:\(since.seconds)s") }
        if let until { terms.append("before:\(until)") }
        var sql: SQLFilter
        var eventFilter: EventFilter
        do {
            eventFilter = try EventFilter(parsing: terms.map(Self.term).joined(separator: " "), now: now)
            sql = try SQLFilter(eventFilter, dialect: database.dialect)
            if sql.searchesText, !eventFilter.testsTime {
                eventFilter = try EventFilter(parsing: eventFilter.text + " since:\(Self.freeTextSpan)s", now: now)
                sql = try SQLFilter(eventFilter, dialect: database.dialect)
                StandardStreams.writeError(
                    "watop history: free text searches the last \(DurationText.text(seconds: Self.freeTextSpan)); "
                        + "give --since or after: to search further back\n")
            }
        } catch {
            StandardStreams.writeError("watop history: \(error)\n")
            throw ExitCode(2)
        }
        if let receiver { sql.require(.text(receiver)) { "receiver IN (SELECT receiver FROM receivers WHERE name = \($0))" } }
        write(try database.events(matching: sql, newestFirst: true, limit: limit), details: nil)
    }

    private func lifecycle(of id: String, in database: any HistorySearching) throws {
        let events = try database.lifecycle(ofMessage: id)
        guard !events.isEmpty else {
            StandardStreams.writeError("watop history: no event of message \(id) in the history\n")
            throw ExitCode(1)
        }
        let kept = try events.map { StoredDetail(request: try database.request(of: $0), forward: try database.forward(of: $0)) }
        write(events, details: kept)
    }

    /// The events in the chosen format; with `details` (one per event), each event's request
    /// as kept and what became of it at the app, after it.
    private func write(_ events: [StoredEvent], details: [StoredDetail]?) {
        var output = ""
        switch format {
        case .table:
            let lines = HistoryTable.lines(events.map(\.event), receivers: details == nil ? nil : events.map(\.receiver))
            if let details {
                output += lines[0] + "\n"
                for (index, line) in lines.dropFirst().enumerated() {
                    output += line + "\n"
                    if let request = details[index].request {
                        output += HistoryTable.request(
                            method: request.method, target: request.target, headers: request.headers, body: request.body,
                            bodyBytes: request.bodyBytes
                        ).joined(separator: "\n") + "\n"
                    }
                    if let forward = details[index].forward { output += HistoryTable.forward(forward) + "\n" }
                }
            } else {
                output = lines.joined(separator: "\n") + "\n"
            }
        case .csv:
            output = EventCSV.header + events.map { EventCSV.row(for: $0.event, receiver: $0.receiver) }.joined()
        case .ndjson:
            for (index, stored) in events.enumerated() {
                output += EventJSON.line(for: stored.event) + "\n"
                if let request = details?[index].request { output += Self.requestLine(request, of: stored) + "\n" }
                if let forward = details?[index].forward {
                    output += ForwardJSON.line(for: forward, id: stored.event.id, receiver: stored.receiver) + "\n"
                }
            }
        }
        StandardStreams.writeOutput(output)
    }

    /// A kept request as a JSON line of its own type, after its event's line.
    private static func requestLine(_ request: StoredRequest, of event: StoredEvent) -> String {
        var line = JSONObjectWriter()
        line.string("type", "request")
        line.string("id", event.event.id)
        line.string("receiver", event.receiver)
        line.string("method", request.method)
        line.string("target", request.target)
        line.raw("headers", request.headersJSON)
        line.string("body", String(decoding: request.body, as: UTF8.self))
        line.number("body_bytes", String(request.bodyBytes))
        return line.finished()
    }

    /// A word typed with spaces (one shell argument) is searched as one text, as quotes do in
    /// the dashboard.
    private static func term(_ argument: String) -> String {
        argument.contains(where: \.isWhitespace) && !argument.hasPrefix("\"") ? "\"\(argument)\"" : argument
    }
}

/// What the history kept beside an event: its request (nil when retention removed it) and
/// what became of it at the app (nil when it was not forwarded).
private struct StoredDetail {
    let request: StoredRequest?
    let forward: ForwardOutcome?
}
