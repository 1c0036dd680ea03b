import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
import WatopCore

@testable import WatopServer

@Suite struct JournalTests {
    private func lines(of path: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    @Test(arguments: Journal.Durability.allCases)
    func everyAnsweredCallbackIsInTheJournalInOrder(durability: Journal.Durability) async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, opening) = try Journal.open(path: path, settings: .init(durability: durability))
        #expect(opening.sealed == nil)
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
        let recorded = try lines(of: path).compactMap { try JournalRecord.batch(fromLine: $0)?.events.first?.id }
        let accepted = (0..<40).filter { $0 % 7 != 3 }.map { "j\($0):0" }
        #expect(recorded == accepted)
        var stored: [String] = []
        store.snapshot().events.forEachOldestFirst { stored.append($0.id) }
        #expect(stored == accepted)
    }

    /// A disk that fills up in the middle of a write: the first `failures` writes after
    /// `healthyWrites` put down half of what they are given, then fail with ENOSPC.
    private final class FillingDisk: Sendable {
        private let state: NIOLockedValueBox<(healthyWrites: Int, failures: Int)>
        init(healthyWrites: Int, failures: Int) { state = NIOLockedValueBox((healthyWrites, failures)) }

        func write(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
            let fails = state.withLockedValue { state in
                if state.healthyWrites > 0 {
                    state.healthyWrites -= 1
                    return false
                }
                guard state.failures > 0 else { return false }
                state.failures -= 1
                return true
            }
            guard fails else { return Glibc.write(descriptor, bytes, count) }
            _ = Glibc.write(descriptor, bytes, count / 2)
            errno = ENOSPC
            return -1
        }
    }

    private func append(_ line: String, to journal: Journal) async -> Bool {
        await withCheckedContinuation { continuation in
            journal.append(Array(line.utf8), counting: nil) { continuation.resume(returning: $0) }
        }
    }

    @Test func aWriteThatFailsPartWayLeavesNothingBehind() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let disk = FillingDisk(healthyWrites: 1, failures: 2)
        let (journal, _) = try Journal.open(path: path, settings: .init(durability: .always), write: disk.write)
        #expect(await append("{\"line\":1}\n", to: journal))
        #expect(await append("{\"line\":2,\"padding\":\"the disk fills up in here\"}\n", to: journal) == false)
        #expect(await append("{\"line\":3}\n", to: journal) == false)
        // Space comes back: the next acknowledged line starts a line of its own.
        #expect(await append("{\"line\":4}\n", to: journal))
        journal.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"line\":1}\n{\"line\":4}\n")
        let (reopened, opening) = try Journal.open(path: path, settings: .init(durability: .always))
        reopened.close()
        #expect(opening.partialLine == nil)
        let sealed = try #require(opening.sealed)
        #expect(try String(contentsOfFile: sealed.path, encoding: .utf8) == "{\"line\":1}\n{\"line\":4}\n")
    }

    @Test func everyRequestPastTheAccessChecksIsKeptInAFileOnlyItsOwnerReads() async throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        let (journal, _) = try Journal.open(path: path, settings: .init(durability: .always))
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.journal = journal
        configuration.access = AccessPolicy(credentials: [.token("t")])
        let templateUpdate = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"#
            + #""message_template_status_update","value":{"event":"PAUSED","message_template_id":7}}]}]}"#
        try await ListenerFixture.run(configuration) { client, store in
            let (responses, _) = try await client.exchange([
                TestHTTPClient.get("/callback?id=k1:0&status=sent&token=t"),
                TestHTTPClient.post("/callback?token=t", body: "{broken"),
                TestHTTPClient.post("/callback?token=t", body: templateUpdate),
                TestHTTPClient.get("/callback?id=k2:0&status=sent"),
            ])
            #expect(responses.map(\.status) == [200, 400, 200, 401])
        }
        journal.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // The refused request's line is written without holding its answer: all three are there.
        let kept = try lines(of: path)
        #expect(kept.count == 3)
        #expect(kept.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("token=t") })
        let outcome = try JournalReader.forEachBatch(in: path) { _ in }
        #expect(outcome.requests == 3 && outcome.events == 1 && outcome.unreadableCount == 0)
    }

    @Test func aPartialLastLineIsMovedAsideAndReported() throws {
        let path = TemporaryJournal.path()
        defer { TemporaryJournal.remove(path) }
        try Data("{\"a\":1}\n{\"b\":2}\n{\"torn".utf8).write(to: URL(fileURLWithPath: path))
        let (journal, opening) = try Journal.open(path: path, settings: .init(durability: .always))
        journal.close()
        let partial = try #require(opening.partialLine)
        #expect(partial.bytes == 6)
        #expect(try String(contentsOfFile: partial.movedTo, encoding: .utf8) == "{\"torn")
        // The whole lines before it are sealed as the last run's segment.
        let sealed = try #require(opening.sealed)
        #expect(try String(contentsOfFile: sealed.path, encoding: .utf8) == "{\"a\":1}\n{\"b\":2}\n")
        // Its size, not its text: Foundation's read of an empty file leaks its buffer.
        #expect(JournalSegments.fileSize(path) == 0)
    }

    @Test func anUnwritableJournalIsReportedInWords() {
        #expect(throws: JournalError.self) {
            try Journal.open(path: "/nonexistent-dir/journal.jsonl", settings: .init(durability: .batch))
        }
    }
}
