import Testing
import WatopCore
import WatopServer

@testable import WatopHistory

@Suite struct HistoryPagingTests {
    /// A history of `count` callbacks written by two receivers: the first half a millisecond
    /// apart, the second half all in one millisecond, 10 s later (ties the key must break).
    private func history(_ count: Int, in fixture: HistoryFixture) async throws -> HistoryDatabase {
        let journal = try fixture.openJournal()
        try await fixture.append(0..<count / 2, to: journal)
        try await fixture.append(count / 2..<count, to: journal, at: HistoryFixture.start + 10_000)
        journal.close()
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        for name in ["east", "west"] {
            HistoryWriter(
                database: database, source: .file(fixture.journalPath), receiverName: name,
                settings: HistoryWriter.Settings(bodyBytesKept: 40, retention: .unlimited)
            ).catchUp()
        }
        return database
    }

    /// Every page after the one before, until an empty one.
    private func pages(of filter: EventFilter, from start: HistoryCursor? = nil, size: Int, in reader: any HistoryReading) throws
        -> [[StoredEvent]]
    {
        var pages: [[StoredEvent]] = []
        var cursor = start
        while true {
            let page = try reader.page(of: filter, olderThan: cursor, limit: size)
            #expect(page.count <= size)
            guard let last = page.last else { return pages }
            pages.append(page)
            cursor = last.cursor
        }
    }

    private func key(_ stored: StoredEvent) -> String { "\(stored.receiverNumber)/\(stored.position)/\(stored.part)" }

    @Test func pagesBackCoverEveryEventOnceNewestFirstThroughTies() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try await history(60, in: fixture)
        let pages = try pages(of: .everything, size: 7, in: database)
        let events = pages.flatMap { $0 }
        #expect(pages.count == 18)
        #expect(events.count == 120)
        #expect(Set(events.map(key)).count == 120)
        let times = events.map(\.event.receivedAt.milliseconds)
        #expect(times == times.sorted(by: >))
        #expect(events.map(key) == (try database.events(matching: SQLFilter(dialect: .sqlite), newestFirst: true, limit: nil)).map(key))
    }

    @Test func aFilterRunsInTheDatabasePageByPage() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try await history(80, in: fixture)
        let failed = try EventFilter(parsing: "status:failed", now: UnixTime(milliseconds: HistoryFixture.start))
        let events = try pages(of: failed, size: 6, in: database).flatMap { $0 }
        // Every fourth callback fails, written by each of the two receivers.
        #expect(events.count == 40)
        #expect(events.allSatisfy { $0.event.status == .failed })
    }

    @Test func aTimeBoundFilterCountsFromItsMoment() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try await history(40, in: fixture)
        // The last second holds the second half only.
        let recent = try EventFilter(parsing: "since:1s", now: UnixTime(milliseconds: HistoryFixture.start + 10_500))
        #expect(try database.page(of: recent, olderThan: nil, limit: 100).count == 40)
        let before = HistoryCursor.receivedAtOrBefore(UnixTime(milliseconds: HistoryFixture.start + 9_999))
        #expect(try database.page(of: recent, olderThan: before, limit: 100).isEmpty)
    }

    @Test func enteringAtAMillisecondKeepsEveryEventReceivedThen() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try await history(40, in: fixture)
        let atTies = try database.page(of: .everything, olderThan: .receivedAtOrBefore(UnixTime(milliseconds: HistoryFixture.start + 10_000)), limit: 100)
        // The 40 received in that millisecond, and the 40 before it.
        #expect(atTies.count == 80)
        #expect(try database.page(of: .everything, olderThan: atTies.last?.cursor, limit: 100).isEmpty)
    }

    @Test func aFilterTheDatabaseCannotSearchIsRefusedNamingTheTerm() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try await history(4, in: fixture)
        let stuck = try EventFilter(parsing: "stuck:yes", now: UnixTime(milliseconds: HistoryFixture.start))
        let error = #expect(throws: HistoryError.self) { try database.page(of: stuck, olderThan: nil, limit: 10) }
        #expect(error?.description.contains("stuck:yes") == true)
    }

    @Test func anEventsRequestAndLifecycleComeFromTheDatabase() async throws {
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let database = try await history(4, in: fixture)
        let stored = try #require(try database.page(of: .everything, olderThan: nil, limit: 1).first)
        let request = try #require(try database.request(of: stored))
        #expect(request.kept.target == request.target)
        let lifecycle = try database.lifecycle(ofMessage: stored.event.id)
        #expect(lifecycle.map(\.event.receivedAt.milliseconds) == lifecycle.map(\.event.receivedAt.milliseconds).sorted())
        #expect(lifecycle.contains { key($0) == key(stored) })
    }
}
