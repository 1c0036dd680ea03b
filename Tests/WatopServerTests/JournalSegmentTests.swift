import Foundation
import NIOConcurrencyHelpers
import Testing
import WatopCore

@testable import WatopServer

/// Segments, the checkpoint and a start that reads only what it needs.
@Suite struct JournalSegmentTests {
    /// A clock the test moves by hand.
    private final class Clock: Sendable {
        private let time = NIOLockedValueBox(UnixTime(milliseconds: 1_800_000_000_000))
        func now() -> UnixTime { time.withLockedValue { $0 } }
        func advance(seconds: Int64) { time.withLockedValue { $0 = UnixTime(milliseconds: $0.milliseconds + seconds * 1000) } }
    }

    /// Callback `index`: statuses, numbers, error codes and prices vary, so totals that merely
    /// counted lines would not match.
    private func batch(_ index: Int) throws -> CallbackBatch {
        let statuses = ["sent", "delivered", "read", "failed"]
        var target = "/callback?id=m\(index / 3):0&status=\(statuses[index % 4])&whatsapp_number=9180000000\(index % 3)"
        if index % 4 == 3 { target += "&error_code=131026&error=undeliverable" }
        if index % 5 == 0 { target += "&price=0.0\(index % 7)" }
        return try CallbackParser.parse(
            RawRequest(method: "GET", target: target, headers: [], body: []),
            receivedAt: UnixTime(milliseconds: 1_800_000_000_000 + Int64(index)))
    }

    /// Appends callbacks `range` and returns the offsets the journal gave their lines.
    @discardableResult
    private func append(_ range: Range<Int>, to journal: Journal) async throws -> [Int64] {
        var offsets: [Int64] = []
        for index in range {
            let batch = try batch(index)
            let offset: Int64? = await withCheckedContinuation { continuation in
                journal.append(JournalRecord.line(for: batch), counting: batch, positioned: { continuation.resume(returning: $0) })
            }
            offsets.append(try #require(offset))
        }
        return offsets
    }

    private func settings(segmentBytes: Int64) -> Journal.Settings {
        var settings = Journal.Settings(durability: .never)
        settings.segmentBytes = segmentBytes
        return settings
    }

    @Test func theWrittenFileIsSealedPastItsSizeWithItsTallyInTheCheckpoint() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, _) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        let offsets = try await append(0..<60, to: journal)
        journal.close()
        let segments = try JournalSegments.list(of: path)
        #expect(segments.filter(\.isSealed).count >= 5)
        // Offsets run on across segments: each segment starts where the one before ends.
        for (earlier, later) in zip(segments, segments.dropFirst()) { #expect(earlier.end == later.base) }
        #expect(offsets == offsets.sorted() && offsets.first == 0)
        let checkpoint = try JournalCheckpoint.load(journal: path)
        let sealed = segments.filter(\.isSealed)
        #expect(Set(checkpoint.segments.keys) == Set(sealed.map(\.base)))
        let active = try #require(segments.last)
        // Read only when not empty: Foundation's read of an empty file leaks its buffer.
        let activeLines = active.size == 0 ? 0 : try String(contentsOfFile: active.path, encoding: .utf8).split(separator: "\n").count
        #expect(checkpoint.segments.values.reduce(0) { $0 + $1.events } + activeLines == 60)
    }

    @Test func aStartReadsTheNewestSegmentsAndTakesTheRestFromTheCheckpoint() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, _) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        try await append(0..<200, to: journal)
        journal.close()

        let (reopened, opening) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        #expect(opening.sealed != nil)
        let resumed = EventStore(capacity: 20, startedAt: .now())
        let outcome = try JournalResume.load(reopened, into: resumed, capacity: 20)
        reopened.close()
        #expect(outcome.segmentsRead < outcome.segments / 2)
        #expect(outcome.events + outcome.checkpointedEvents == 200)

        let everything = EventStore(capacity: 20, startedAt: .now())
        _ = try JournalReader.forEachBatch(in: path) { everything.restore($0) }
        let (got, want) = (resumed.snapshot().aggregates, everything.snapshot().aggregates)
        #expect(got.accepted == 200 && want.accepted == 200)
        #expect(got.statuses == want.statuses)
        #expect(got.errorCodes == want.errorCodes)
        #expect(got.whatsappNumbers == want.whatsappNumbers)
        #expect(got.price == want.price && got.priceByStatus == want.priceByStatus)
        #expect(got.firstReceived == want.firstReceived && got.lastReceived == want.lastReceived)
        // The buffer holds the newest events, as after reading everything.
        var newest: [String] = []
        resumed.snapshot().events.forEachOldestFirst { newest.append($0.id) }
        var expected: [String] = []
        everything.snapshot().events.forEachOldestFirst { expected.append($0.id) }
        #expect(newest == expected)
    }

    @Test func segmentsPastTheirRetentionGoAndTheirTotalsStay() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let clock = Clock()
        var kept = settings(segmentBytes: 2_000)
        kept.retentionSeconds = 3600
        let (journal, _) = try Journal.open(path: path, settings: kept, write: { write($0, $1, $2) }, clock: clock.now)
        try await append(0..<50, to: journal)
        let before = try JournalSegments.list(of: path).filter(\.isSealed)
        clock.advance(seconds: 2 * 3600)
        // The next sealing looks for segments past their retention.
        try await append(50..<80, to: journal)
        journal.close()
        let after = try JournalSegments.list(of: path).filter(\.isSealed)
        #expect(!before.isEmpty)
        #expect(before.allSatisfy { old in !after.contains { $0.base == old.base } })
        let checkpoint = try JournalCheckpoint.load(journal: path)
        #expect(checkpoint.retired.events >= before.count)

        let (reopened, _) = try Journal.open(path: path, settings: kept)
        let store = EventStore(capacity: 1000, startedAt: .now())
        let outcome = try JournalResume.load(reopened, into: store, capacity: 1000)
        reopened.close()
        #expect(outcome.events + outcome.checkpointedEvents == 80)
        #expect(store.snapshot().aggregates.accepted == 80)
    }

    @Test func queueModeKeepsSegmentsUntilTheyAreDelivered() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let clock = Clock()
        var kept = settings(segmentBytes: 2_000)
        kept.retentionSeconds = 60
        kept.keepsUndelivered = true
        let (journal, _) = try Journal.open(path: path, settings: kept, write: { write($0, $1, $2) }, clock: clock.now)
        let offsets = try await append(0..<40, to: journal)
        clock.advance(seconds: 120)
        try await append(40..<60, to: journal)
        let undelivered = try JournalSegments.list(of: path).filter(\.isSealed)
        #expect(undelivered.first?.base == 0)
        journal.delivered(upTo: offsets[20])
        clock.advance(seconds: 120)
        try await append(60..<80, to: journal)
        journal.close()
        let remaining = try JournalSegments.list(of: path).filter(\.isSealed)
        // Gone: the segments wholly before the delivered offset; kept: the one holding it.
        #expect(remaining.allSatisfy { $0.end > offsets[20] })
        #expect(remaining.contains { $0.base <= offsets[20] && offsets[20] < $0.end })
    }

    @Test func queueModeReadsOnAcrossSealedSegments() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, _) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        let offsets = try await append(0..<30, to: journal)
        var tail = try JournalTail(path: path, from: 0)
        defer { tail.close() }
        var read: [Int64] = []
        while let (offset, _) = tail.nextLine() { read.append(offset) }
        #expect(read == offsets)
        // Lines written after the tail was opened, into new segments, are read too.
        let later = try await append(30..<60, to: journal)
        tail.readableEnd = try #require(JournalSegments.list(of: path).last).end
        while let (offset, _) = tail.nextLine() { read.append(offset) }
        journal.close()
        #expect(read == offsets + later)
    }

    @Test func aJournalInUseIsRefused() throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, _) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        defer { journal.close() }
        #expect(throws: JournalError.self) { try Journal.open(path: path, settings: settings(segmentBytes: 2_000)) }
    }

    @Test func anUnreadableCheckpointIsReportedAndEverySegmentIsRead() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, _) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        try await append(0..<40, to: journal)
        journal.close()
        try Data("{\"version\":1,".utf8).write(to: URL(fileURLWithPath: JournalCheckpoint.path(of: path)))
        let (reopened, opening) = try Journal.open(path: path, settings: settings(segmentBytes: 2_000))
        #expect(opening.checkpointProblem?.contains("not JSON") == true)
        let store = EventStore(capacity: 5, startedAt: .now())
        let outcome = try JournalResume.load(reopened, into: store, capacity: 5)
        reopened.close()
        #expect(outcome.segmentsRead == outcome.segments)
        #expect(store.snapshot().aggregates.accepted == 40)
    }
}
