import Foundation
import Testing
import WatopCore
import WatopHistory
import WatopServer

/// A journal and a history database in a folder of their own, removed by `remove`.
struct HistoryFixture {
    let folder: String
    var journalPath: String { folder + "/journal.jsonl" }
    var databasePath: String { folder + "/history.sqlite" }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("watop-history-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    static let start: Int64 = 1_800_000_000_000

    /// Callback `index`: statuses, numbers, error codes and prices vary.
    static func batch(_ index: Int, at milliseconds: Int64? = nil) throws -> CallbackBatch {
        let statuses = ["sent", "delivered", "read", "failed"]
        var target = "/callback?id=m\(index / 4):0&status=\(statuses[index % 4])&whatsapp_number=9180000000\(index % 3)"
        target += "&mobile=9198765\(String(format: "%05d", index % 1000))"
        if index % 4 == 3 { target += "&error_code=131026&error=undeliverable" }
        if index % 5 == 0 { target += "&price=0.0\(index % 7)" }
        return try CallbackParser.parse(
            RawRequest(method: "GET", target: target, headers: [("Host", "watop.test")], body: []),
            receivedAt: UnixTime(milliseconds: milliseconds ?? start + Int64(index)))
    }

    /// Callback `index` as the writer reads it back from the journal, at position `index`.
    static func journaled(_ index: Int) throws -> JournaledRequest {
        let batch = try Self.batch(index)
        return JournaledRequest(
            position: Int64(index), receivedAt: batch.events[0].receivedAt, format: batch.format, client: nil,
            request: try #require(batch.request), events: batch.events)
    }

    /// Appends callbacks `range` to the journal, each once written.
    func append(_ range: Range<Int>, to journal: Journal, at milliseconds: Int64? = nil) async throws {
        for index in range {
            let batch = try Self.batch(index, at: milliseconds)
            let written: Bool = await withCheckedContinuation { continuation in
                journal.append(JournalRecord.line(for: batch), counting: batch) { continuation.resume(returning: $0) }
            }
            precondition(written)
        }
    }

    func openJournal() throws -> Journal {
        try Journal.open(path: journalPath, settings: Journal.Settings(durability: .never)).0
    }
}
