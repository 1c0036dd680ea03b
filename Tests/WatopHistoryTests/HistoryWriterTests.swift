import GRDB
import NIOConcurrencyHelpers
import Testing
import WatopCore
import WatopServer

@testable import WatopHistory

@Suite struct HistoryWriterTests {
    private func count(_ table: String, in database: HistoryDatabase) throws -> Int {
        try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    private func records(in database: HistoryDatabase) throws -> [HistoryRecord] {
        try database.pool.read { database in
            try Row.fetchAll(database, sql: "SELECT * FROM events ORDER BY position").map { row in
                try HistoryRecord(values: HistoryColumn.allCases.map { column in
                    let value: DatabaseValue = row[column.rawValue]
                    if value.isNull { return .null }
                    return column.kind == .integer ? .integer(Int64.fromDatabaseValue(value)!) : .text(String.fromDatabaseValue(value)!)
                })
            }
        }
    }

    private func distinctPositions(in database: HistoryDatabase) throws -> Int {
        try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT position) FROM events") ?? 0 }
    }

    private func writer(_ database: HistoryDatabase, _ source: HistoryWriter.Source, name: String = "here") throws
        -> HistoryWriter
    {
        HistoryWriter(
            database: database, source: source, receiverName: name,
            settings: HistoryWriter.Settings(bodyBytesKept: 64, retention: .unlimited))
    }

    @Test func everyJournaledEventReachesTheDatabaseWithItsFields() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<250, to: journal)
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let writer = try writer(database, .journal(journal))
        writer.catchUp()
        journal.close()
        #expect(try count("events", in: database) == 250)
        #expect(try count("requests", in: database) == 250)
        #expect(writer.progress.eventsWritten == 250)
        #expect(writer.progress.backlogBytes == 0)
        let records = try self.records(in: database)
        for (index, record) in records.enumerated() {
            let expected = try HistoryFixture.batch(index).events[0]
            #expect(record == HistoryRecord(expected))
        }
        let stored = try #require(try database.lifecycle(ofMessage: "m0:0").first)
        let request = try #require(try database.request(of: stored))
        #expect(request.headers.map { "\($0.name)=\($0.value)" } == ["Host=watop.test"])
        #expect(request.target.hasPrefix("/callback?id=m0:0&status=sent"))
    }

    @Test func writingTheJournalAgainLeavesOneRowPerEvent() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<40, to: journal)
        journal.close()
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        try writer(database, .file(fixture.journalPath)).catchUp()
        // As a crash before the position was saved would: the lines are read once more.
        try database.writing { try $0.execute(sql: "UPDATE receivers SET journal_position = 0") }
        try writer(database, .file(fixture.journalPath)).catchUp()
        #expect(try count("events", in: database) == 40)
    }

    @Test func aStartCatchesUpFromWhereTheDatabaseStopped() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        var journal = try fixture.openJournal()
        try await fixture.append(0..<30, to: journal)
        try writer(database, .journal(journal)).catchUp()
        journal.close()
        // Written while no history was kept, then a restart seals the segment.
        journal = try fixture.openJournal()
        try await fixture.append(30..<75, to: journal)
        journal.close()
        journal = try fixture.openJournal()
        try writer(database, .journal(journal)).catchUp()
        journal.close()
        #expect(try count("events", in: database) == 75)
        #expect(try distinctPositions(in: database) == 75)
    }

    @Test func aRunningWriterFollowsTheJournalAndStopsWithItAllWritten() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let writer = try writer(database, .journal(journal))
        writer.start()
        try await fixture.append(0..<500, to: journal)
        writer.stop()
        journal.close()
        #expect(try count("events", in: database) == 500)
    }

    @Test func twoReceiversShareTheTablesApart() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<20, to: journal)
        journal.close()
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        try writer(database, .file(fixture.journalPath), name: "east").catchUp()
        try writer(database, .file(fixture.journalPath), name: "west").catchUp()
        #expect(try count("events", in: database) == 40)
        let east = try database.receiver(named: "east")
        try database.forget(receiver: east.id)
        #expect(try count("events", in: database) == 20)
        #expect(try database.journalPosition(of: east.id) == 0)
    }

    @Test func linesLeftInAnOpenTransactionAreSeenOnlyOnceCommitted() throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let receiver = try database.receiver(named: "here").id
        let requests = try (0..<10).map(HistoryFixture.journaled)
        let now = UnixTime(milliseconds: HistoryFixture.start)
        try database.write(Array(requests[0..<4]), receiver: receiver, upTo: 4, bodyBytesKept: 0, now: now, moreReady: true)
        try database.write(Array(requests[4..<7]), receiver: receiver, upTo: 7, bodyBytesKept: 0, now: now, moreReady: true)
        #expect(try count("events", in: database) == 0)
        #expect(try database.journalPosition(of: receiver) == 0)
        try database.write(Array(requests[7...]), receiver: receiver, upTo: 10, bodyBytesKept: 0, now: now, moreReady: false)
        #expect(try count("events", in: database) == 10)
        #expect(try database.journalPosition(of: receiver) == 10)
    }

    @Test func aFailedWriteTakesBackEverythingSinceTheLastCommit() throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let receiver = try database.receiver(named: "here").id
        let request = try HistoryFixture.journaled(0)
        // The second line's event is refused, as a full disk would refuse it.
        try database.writing {
            try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.position = 1 BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        let now = UnixTime(milliseconds: HistoryFixture.start)
        try database.write([request], receiver: receiver, upTo: 1, bodyBytesKept: 0, now: now, moreReady: true)
        var broken = request
        broken.position = 1
        #expect(throws: HistoryError.self) {
            try database.write([broken], receiver: receiver, upTo: 2, bodyBytesKept: 0, now: now, moreReady: false)
        }
        #expect(try count("events", in: database) == 0)
        #expect(try count("requests", in: database) == 0)
        #expect(try database.journalPosition(of: receiver) == 0)
    }

    @Test func batchesThatFollowOneAnotherAreCommittedTogetherUpToTheBound() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<50, to: journal)
        journal.close()
        let sink = FlakySink(try HistoryDatabase.open(path: fixture.databasePath))
        var settings = HistoryWriter.Settings(bodyBytesKept: 0, retention: .unlimited)
        settings.linesPerBatch = 7
        settings.linesPerTransaction = 20
        let writer = HistoryWriter(database: sink, source: .file(fixture.journalPath), receiverName: "here", settings: settings)
        writer.catchUp()
        // Seven lines a batch; a commit once 20 are open, and at the journal's end.
        #expect(sink.writes.withLockedValue { $0 } == [true, true, false, true, true, false, true, false])
        #expect(try count("events", in: sink.database) == 50)
        #expect(writer.progress.eventsWritten == 50)
        #expect(writer.progress.backlogBytes == 0)
    }

    @Test func aNewerSchemaIsRefusedWithItsVersion() throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        try database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 99") }
        #expect {
            _ = try HistoryDatabase.open(path: fixture.databasePath)
        } throws: { error in
            (error as? HistoryError)?.description.contains("schema version 99") == true
        }
    }

    @Test func aDatabaseOfTheFirstVersionIsBroughtUpToDateKeepingItsRows() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<5, to: journal)
        journal.close()
        try upgradeFirstVersion(fixture)
    }

    @Test func forwardOutcomesAreKeptByJournalPositionTheLaterAttemptWinning() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<3, to: journal)
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let sink = FlakySink(database)
        let writer = HistoryWriter(
            database: sink, source: .journal(journal), receiverName: "here",
            settings: HistoryWriter.Settings(bodyBytesKept: 4096, retention: .unlimited))
        writer.start()
        let at = UnixTime(milliseconds: HistoryFixture.start)
        let refused = ForwardOutcome(journalPosition: 0, state: .refused, status: 503, attempts: 1, latencyMicroseconds: 10, attemptedAt: at)
        let delivered = ForwardOutcome(journalPosition: 0, state: .delivered, status: 200, attempts: 2, latencyMicroseconds: 20, attemptedAt: at)
        let failed = ForwardOutcome(
            journalPosition: 99, state: .failed, status: nil, failure: "timed out", attempts: 1, latencyMicroseconds: 30, attemptedAt: at)
        // Written while the database fails: they wait, and are written once it is back.
        sink.failing.withLockedValue { $0 = true }
        writer.settled(delivered)
        writer.settled(failed)
        try await Task.sleep(for: .milliseconds(300))
        sink.failing.withLockedValue { $0 = false }
        try await Task.sleep(for: .milliseconds(300))
        // An earlier attempt written after a later one changes nothing.
        writer.settled(refused)
        writer.stop()
        journal.close()
        try checkOutcomes(fixture, [0: delivered, 99: failed])
    }

    @Test func anEarlierAttemptSettledLaterDoesNotReplaceTheWaitingOne() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        try await fixture.append(0..<1, to: journal)
        let writer = HistoryWriter(
            database: try HistoryDatabase.open(path: fixture.databasePath), source: .journal(journal), receiverName: "here",
            settings: HistoryWriter.Settings(bodyBytesKept: 4096, retention: .unlimited))
        let at = UnixTime(milliseconds: HistoryFixture.start)
        let delivered = ForwardOutcome(journalPosition: 0, state: .delivered, status: 200, attempts: 2, latencyMicroseconds: 20, attemptedAt: at)
        let refused = ForwardOutcome(journalPosition: 0, state: .refused, status: 503, attempts: 1, latencyMicroseconds: 10, attemptedAt: at)
        // Both wait in memory (nothing is written before the start), the later attempt first.
        writer.settled(delivered)
        writer.settled(refused)
        writer.start()
        writer.stop()
        journal.close()
        try checkOutcomes(fixture, [0: delivered])
    }

    private func checkOutcomes(_ fixture: HistoryFixture, _ expected: [Int64: ForwardOutcome]) throws {
        let database = try HistoryDatabase.open(path: fixture.databasePath, readOnly: true)
        let receiver: Int64 = try database.pool.read { try Int64.fetchOne($0, sql: "SELECT receiver FROM receivers")! }
        for (position, outcome) in expected {
            let stored = StoredEvent(
                event: CallbackEvent(receivedAt: outcome.attemptedAt, transport: .query, id: "x", status: .sent),
                receiver: "here", receiverNumber: receiver, position: position, part: 0)
            #expect(try database.forward(of: stored) == outcome)
        }
    }

    /// GRDB's reads and writes, kept out of the async test (where they would be its async forms).
    private func upgradeFirstVersion(_ fixture: HistoryFixture) throws {
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        try writer(database, .file(fixture.journalPath)).catchUp()
        // What the first version made: no forwards table.
        try database.pool.writeWithoutTransaction { database in
            try database.execute(sql: "DROP TABLE forwards")
            try database.execute(sql: "PRAGMA user_version = 1")
        }
        #expect {
            _ = try HistoryDatabase.open(path: fixture.databasePath, readOnly: true)
        } throws: { error in
            (error as? HistoryError)?.description.contains("schema version 1, older than this watop's") == true
        }
        let reopened = try HistoryDatabase.open(path: fixture.databasePath)
        #expect(try count("events", in: reopened) == 5)
        #expect(try count("forwards", in: reopened) == 0)
        #expect(try reopened.pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == HistorySchema.version)
    }
}

/// A database whose writes fail while `failing` is set, as one that went away would; it notes
/// whether each write was told more lines are ready.
private final class FlakySink: HistorySink {
    let database: HistoryDatabase
    let failing = NIOLockedValueBox(false)
    let failures = NIOLockedValueBox(0)
    let writes = NIOLockedValueBox<[Bool]>([])

    init(_ database: HistoryDatabase) { self.database = database }

    func receiver(named name: String) throws(HistoryError) -> (id: Int64, journalPosition: Int64) {
        try database.receiver(named: name)
    }

    func journalPosition(of receiver: Int64) throws(HistoryError) -> Int64 {
        try database.journalPosition(of: receiver)
    }

    func write(
        _ requests: [JournaledRequest], receiver: Int64, upTo journalPosition: Int64, bodyBytesKept: Int, now: UnixTime,
        moreReady: Bool
    ) throws(HistoryError) {
        if failing.withLockedValue({ $0 }) {
            failures.withLockedValue { $0 += 1 }
            throw HistoryError("the database went away")
        }
        writes.withLockedValue { $0.append(moreReady) }
        try database.write(
            requests, receiver: receiver, upTo: journalPosition, bodyBytesKept: bodyBytesKept, now: now, moreReady: moreReady)
    }

    func write(_ outcomes: [ForwardOutcome], receiver: Int64) throws(HistoryError) {
        if failing.withLockedValue({ $0 }) { throw HistoryError("the database went away") }
        try database.write(outcomes, receiver: receiver)
    }

    func forget(receiver: Int64) throws(HistoryError) { try database.forget(receiver: receiver) }

    func close() {}

    func enforce(_ retention: HistoryRetention, now: UnixTime) throws(HistoryError) -> Int { 0 }
}

@Suite struct HistoryWriterFailureTests {
    @Test func writesThatFailAreMadeAgainOnceTheDatabaseIsBackWithNothingLostOrTwice() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let journal = try fixture.openJournal()
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let sink = FlakySink(database)
        var settings = HistoryWriter.Settings(bodyBytesKept: 0, retention: .unlimited)
        settings.linesPerBatch = 7
        let writer = HistoryWriter(database: sink, source: .journal(journal), receiverName: "here", settings: settings)
        writer.start()
        try await fixture.append(0..<100, to: journal)
        sink.failing.withLockedValue { $0 = true }
        try await fixture.append(100..<300, to: journal)
        while sink.failures.withLockedValue({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(writer.progress.problem == "the database went away")
        sink.failing.withLockedValue { $0 = false }
        try await fixture.append(300..<400, to: journal)
        writer.stop()
        journal.close()
        #expect(writer.progress.problem == nil)
        let (rows, distinct) = try await database.pool.read { database in
            (
                try Int.fetchOne(database, sql: "SELECT count(*) FROM events") ?? 0,
                try Int.fetchOne(database, sql: "SELECT count(DISTINCT id) FROM events") ?? 0
            )
        }
        #expect(rows == 400)
        #expect(distinct == 100)
    }
}
