import ArgumentParser
import WatopCore
import WatopServer

/// `--journal`, `--fsync` and `--resume`: keeping what was acknowledged.
struct JournalOptions: ParsableArguments {
    @Option(help: "Append every accepted callback to this file, one JSON line, before answering it.")
    var journal: String?

    @Option(help: "With --journal: always (fsync before answering), batch (written before answering, fsync'd within 0.2 s) or never.")
    var fsync: Journal.Durability = .batch

    @Flag(help: "With --journal: start with the totals and events rebuilt from the journal.")
    var resume = false

    func validate() throws {
        if resume, journal == nil { throw ValidationError("--resume needs --journal FILE") }
    }

    /// Opens the journal (reporting a partial last line) and, with --resume, loads it into `store`.
    /// Returns the journal and the words to show the user, if any.
    func open(into store: EventStore) throws -> (journal: Journal?, report: String?) {
        guard let path = journal else { return (nil, nil) }
        let opened: (Journal, Journal.Opening)
        do {
            opened = try Journal.open(path: path, durability: fsync)
        } catch {
            throw CommandFailure(message: error.description)
        }
        var report: [String] = []
        if let partial = opened.1.partialLine {
            report.append(
                "journal \(path): its last line was cut short (\(partial.bytes) bytes, an interrupted write); "
                    + "moved to \(partial.movedTo), not merged")
        }
        if resume {
            let outcome = try JournalReplay.load(path, into: store)
            report.append(outcome)
        }
        return (opened.0, report.isEmpty ? nil : report.joined(separator: "; "))
    }
}

extension Journal.Durability: ExpressibleByArgument {}

/// Feeding a journal's events to a store, with a one-line account of what was read.
enum JournalReplay {
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
        var text = "journal \(path): \(outcome.events) callbacks loaded"
        if outcome.unreadableCount > 0, let first = outcome.unreadable.first {
            text += ", \(outcome.unreadableCount) unreadable lines skipped (line \(first.line): \(first.reason))"
        }
        if outcome.partialTailBytes > 0 { text += ", a partial last line of \(outcome.partialTailBytes) bytes ignored" }
        return text
    }
}
