import Foundation
import WatopCore

#if canImport(Glibc)
import Glibc
#endif

/// `JOURNAL.checkpoint`: the tally of every sealed segment, and of the segments removed after
/// their retention. A start adds these up instead of reading the segments again, and reads only
/// the newest segments, enough to fill the events buffer: so how long it takes depends on
/// `--buffer`, not on the journal's length.
///
/// It is derived from the journal and never needed to answer a callback: a checkpoint that
/// is missing or unreadable only makes the next start read every segment.
public struct JournalCheckpoint: Sendable {
    /// The tally of each sealed segment, by its base offset.
    public var segments: [Int64: JournalTally] = [:]
    /// The segments removed after their retention, added up.
    public var retired = JournalTally()

    public init() {}

    public static func path(of journal: String) -> String { journal + ".checkpoint" }

    /// The checkpoint beside `journal`; an empty one when there is none.
    public static func load(journal: String) throws(JournalError) -> JournalCheckpoint {
        let path = path(of: journal)
        guard let data = FileManager.default.contents(atPath: path) else { return JournalCheckpoint() }
        let document: JSONValue
        do {
            document = try JSONParser.parse(Array(data))
        } catch {
            throw JournalError("checkpoint \(path) is not JSON: \(error)")
        }
        guard case .number("1")? = document["version"], case .array(let entries)? = document["segments"],
            let retiredValue = document["retired"]
        else { throw JournalError("checkpoint \(path) is not a version 1 checkpoint") }
        var checkpoint = JournalCheckpoint()
        do throws(AggregatesJSON.Unreadable) {
            checkpoint.retired = try tally(from: retiredValue)
            for entry in entries {
                guard case .number(let literal)? = entry["base"], let base = Int64(literal) else {
                    throw AggregatesJSON.Unreadable(description: "a segment has no base offset")
                }
                checkpoint.segments[base] = try tally(from: entry)
            }
        } catch {
            throw JournalError("checkpoint \(path): \(error.description)")
        }
        return checkpoint
    }

    /// Settles tallies whose segment is not on disk: one removed after its retention by a run
    /// that stopped before saying so is retired; one past the journal's end (a journal
    /// removed and begun again) is dropped.
    mutating func retireMissing(present: [JournalSegments.Segment]) {
        let bases = Set(present.map(\.base))
        let firstPresent = present.first?.base ?? .max
        for base in segments.keys.sorted() where !bases.contains(base) {
            if base < firstPresent, let tally = segments[base] { retired.merge(tally) }
            segments[base] = nil
        }
    }

    /// Writes the checkpoint whole beside `journal` and renames it into place, so a crash
    /// leaves the old one or the new one, never half of one.
    public func save(journal: String, durable: Bool) throws(JournalError) {
        let path = Self.path(of: journal)
        var text = "{\"version\":1,\"retired\":" + Self.object(for: retired, base: nil) + ",\"segments\":["
        text += segments.sorted { $0.key < $1.key }.map { Self.object(for: $0.value, base: $0.key) }.joined(separator: ",")
        text += "]}\n"
        let fresh = path + ".new"
        let descriptor = open(fresh, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalError("cannot write \(fresh): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = !durable || fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced, rename(fresh, path) == 0 else {
            unlink(fresh)
            throw JournalError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func object(for tally: JournalTally, base: Int64?) -> String {
        var out = JSONObjectWriter()
        if let base { out.number("base", String(base)) }
        out.number("lines", String(tally.lines))
        out.number("events", String(tally.events))
        out.number("last_received_ms", tally.lastReceived.map { String($0.milliseconds) } ?? "null")
        out.raw("totals", AggregatesJSON.object(for: tally.totals))
        return out.finished()
    }

    private static func tally(from value: JSONValue) throws(AggregatesJSON.Unreadable) -> JournalTally {
        guard case .number(let lines)? = value["lines"], let lineCount = Int(lines), case .number(let events)? = value["events"],
            let eventCount = Int(events), let totals = value["totals"]
        else { throw AggregatesJSON.Unreadable(description: "a tally lacks lines, events or totals") }
        var tally = JournalTally()
        tally.lines = lineCount
        tally.events = eventCount
        if case .number(let literal)? = value["last_received_ms"], let millis = Int64(literal) {
            tally.lastReceived = UnixTime(milliseconds: millis)
        }
        tally.totals = try AggregatesJSON.totals(from: totals)
        return tally
    }
}
