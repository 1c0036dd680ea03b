import ArgumentParser
import WatopCore
import WatopServer

/// `--journal`, `--fsync`, `--resume` and how the journal's segments are kept.
struct JournalOptions: ParsableArguments {
    @Option(help: "Append every accepted callback to this file, one JSON line, before answering it.")
    var journal: String?

    @Option(help: "With --journal: always (fsync before answering), batch (written before answering, fsync'd within 0.2 s) or never.")
    var fsync: Journal.Durability = .batch

    @Flag(help: "With --journal: start with the totals and events rebuilt from the journal.")
    var resume = false

    @Option(
        name: .customLong("journal-segment"),
        help: "With --journal: bytes after which the journal's file is sealed as a segment and a new one begun.")
    var segmentBytes: Int64 = Journal.Settings(durability: .batch).segmentBytes

    @Option(
        name: .customLong("journal-retention"),
        help: "With --journal: how long sealed segments are kept (30m, 12h, 7d …, or forever); in queue mode, also until delivered.")
    var retention = RetentionPeriod(seconds: Journal.Settings(durability: .batch).retentionSeconds)

    func validate() throws {
        if resume, journal == nil { throw ValidationError("--resume needs --journal FILE") }
        guard (1 << 16...1 << 40).contains(segmentBytes) else {
            throw ValidationError("--journal-segment \(segmentBytes) must be between 65536 bytes and 1 TiB")
        }
    }

    /// Opens the journal, sealing the last run's lines. Returns the journal and what to tell
    /// the user about it (a partial last line, a checkpoint that cannot be used), if anything.
    /// - Parameters:
    ///   - keepsUndelivered: queue mode, where segments stay until delivered.
    ///   - fallback: the journal to keep when `--journal` names none (the history's own).
    func open(keepsUndelivered: Bool, fallback: String? = nil) throws -> (journal: Journal?, report: String?) {
        guard let path = journal ?? fallback else { return (nil, nil) }
        var settings = Journal.Settings(durability: fsync)
        settings.segmentBytes = segmentBytes
        settings.retentionSeconds = retention.seconds
        settings.keepsUndelivered = keepsUndelivered
        let (opened, opening): (Journal, Journal.Opening)
        do {
            (opened, opening) = try Journal.open(path: path, settings: settings)
        } catch {
            throw CommandFailure(message: error.description)
        }
        var report: [String] = []
        if let partial = opening.partialLine {
            report.append(
                "journal \(path): its last line was cut short (\(partial.bytes) bytes, an interrupted write); "
                    + "moved to \(partial.movedTo), not merged")
        }
        if let problem = opening.checkpointProblem { report.append("\(problem); the next --resume reads every segment") }
        return (opened, report.isEmpty ? nil : report.joined(separator: "; "))
    }

    /// With --resume, loads the journal into `store` and says what was loaded; nil otherwise.
    func resume(_ journal: Journal?, into store: EventStore, capacity: Int) throws -> String? {
        guard resume, let journal else { return nil }
        do {
            let outcome = try JournalResume.load(journal, into: store, capacity: capacity)
            return JournalReplay.describe(outcome, path: journal.path)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}

extension Journal.Durability: ExpressibleByArgument {}

/// How long sealed journal segments are kept: `30m`, `12h`, `7d`, or `forever`.
struct RetentionPeriod: ExpressibleByArgument {
    /// Nil: forever.
    var span: SpanOfTime?

    init(seconds: Int64?) { span = seconds.map(SpanOfTime.init(seconds:)) }

    init?(argument: String) {
        if argument == "forever" {
            span = nil
            return
        }
        guard let span = SpanOfTime(argument: argument) else { return nil }
        self.span = span
    }

    var seconds: Int64? { span?.seconds }

    var defaultValueDescription: String { span?.defaultValueDescription ?? "forever" }
}

/// The one-line account of what a read of the journal found.
enum JournalReplay {
    /// Reads every segment of the journal at `path` into `store`.
    static func load(_ path: String, into store: EventStore) throws -> String {
        let outcome: JournalReader.Outcome
        do {
            outcome = try JournalReader.forEachBatch(in: path) { store.restore($0) }
        } catch {
            throw CommandFailure(message: error.description)
        }
        return describe(outcome, path: path)
    }

    static func describe(_ outcome: JournalReader.Outcome, path: String) -> String {
        var text = "journal \(path): \(outcome.events + outcome.checkpointedEvents) callbacks loaded"
        if outcome.segments > outcome.segmentsRead {
            text += " (\(outcome.events) read from \(outcome.segmentsRead) of \(outcome.segments) segments, the rest from the checkpoint)"
        }
        if outcome.unreadableCount > 0, let first = outcome.unreadable.first {
            text += ", \(outcome.unreadableCount) unreadable lines skipped (line \(first.line): \(first.reason))"
        }
        if outcome.partialTailBytes > 0 { text += ", a partial last line of \(outcome.partialTailBytes) bytes ignored" }
        return text
    }
}
