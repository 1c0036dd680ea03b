import Foundation
import NIOCore
import NIOPosix
import Testing
import WatopCore

@testable import WatopServer

@Suite struct JournalTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("watop-journal-\(UUID()).jsonl").path
    }

    private func lines(of path: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    @Test(arguments: Journal.Durability.allCases)
    func everyAnsweredCallbackIsInTheJournalInOrder(durability: Journal.Durability) async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (journal, opening) = try Journal.open(path: path, durability: durability)
        #expect(opening.existingLines == 0)
        let store = EventStore(capacity: 1000, startedAt: .now())
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.journal = journal
        let listener = try await CallbackListener.start(configuration: configuration, store: store)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let requests = (0..<40).map { index in
            index % 7 == 3
                ? TestHTTPClient.post("/callback", body: "{broken")
                : TestHTTPClient.get("/callback?id=j\(index):0&status=sent")
        }
        let (responses, _) = try await TestHTTPClient(group: group, port: listener.port).exchange(requests)
        await listener.stopAccepting()
        journal.close()
        await listener.shutdown()
        try await group.shutdownGracefully()
        // Pipelined answers stay in request order although accepted ones waited for the journal.
        #expect(responses.map(\.status) == (0..<40).map { $0 % 7 == 3 ? 400 : 200 })
        let recorded = try lines(of: path).map { try JournalRecord.batch(fromLine: $0).events[0].id }
        let accepted = (0..<40).filter { $0 % 7 != 3 }.map { "j\($0):0" }
        #expect(recorded == accepted)
        var stored: [String] = []
        store.snapshot().events.forEachOldestFirst { stored.append($0.id) }
        #expect(stored == accepted)
    }

    @Test func aPartialLastLineIsMovedAsideAndReported() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"a\":1}\n{\"b\":2}\n{\"torn".utf8).write(to: URL(fileURLWithPath: path))
        let (journal, opening) = try Journal.open(path: path, durability: .always)
        journal.close()
        #expect(opening.existingLines == 2)
        let partial = try #require(opening.partialLine)
        defer { try? FileManager.default.removeItem(atPath: partial.movedTo) }
        #expect(partial.bytes == 6)
        #expect(try String(contentsOfFile: partial.movedTo, encoding: .utf8) == "{\"torn")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\":1}\n{\"b\":2}\n")
    }

    @Test func anUnwritableJournalIsReportedInWords() {
        #expect(throws: JournalError.self) { try Journal.open(path: "/nonexistent-dir/journal.jsonl", durability: .batch) }
    }
}
