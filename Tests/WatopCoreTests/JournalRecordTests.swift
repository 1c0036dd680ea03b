import Testing
@testable import WatopCore

@Suite struct JournalRecordTests {
    @Test(arguments: [
        Samples.get(Samples.seedQuery),
        Samples.post(Samples.seedJSON, contentType: "application/json"),
        RawRequest(method: "PUT", target: "/callback", headers: [("Content-Type", "x")],
            body: Array("id=f%3A0&status=failed&message=bad+".utf8) + [0xFF, 0xFE]),
    ])
    func aRecordRebuildsTheSameEvent(request: RawRequest) throws {
        let batch = try CallbackParser.parse(request, receivedAt: Samples.receivedAt)
        let event = batch.events[0]
        var line = JournalRecord.line(for: batch)
        #expect(line.last == UInt8(ascii: "\n") && line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        line.removeLast()
        let rebuiltBatch = try #require(try JournalRecord.batch(fromLine: line))
        let rebuilt = try #require(rebuiltBatch.events.first)
        #expect(EventJSON.line(for: rebuilt) == EventJSON.line(for: event))
        #expect(rebuiltBatch.request?.body == request.body)
        #expect(rebuiltBatch.request?.headers.map(\.name) == request.headers.map(\.name))
    }

    @Test func aRequestWatopCouldNotReadIsKeptAndReadBackAsNoEvents() throws {
        let request = RawRequest(method: "POST", target: "/callback", headers: [("X-App", "1")], body: Array("{bad".utf8))
        var line = JournalRecord.line(for: request, receivedAt: Samples.receivedAt, format: nil, events: CallbackEvents())
        line.removeLast()
        #expect(try JournalRecord.batch(fromLine: line) == nil)
        // A line that recorded events but no longer parses is still unreadable, not skipped.
        let readable = try CallbackParser.parse(Samples.get(Samples.seedQuery), receivedAt: Samples.receivedAt)
        var recorded = String(decoding: JournalRecord.line(for: readable).dropLast(), as: UTF8.self)
        recorded = recorded.replacingOccurrences(of: "status=delivered", with: "status=")
        #expect(throws: JournalRecord.Unreadable.self) { try JournalRecord.batch(fromLine: Array(recorded.utf8)) }
    }

    @Test func unreadableLinesSayWhy() {
        #expect(throws: JournalRecord.Unreadable.self) { try JournalRecord.batch(fromLine: Array("{\"id\":".utf8)) }
        #expect(throws: JournalRecord.Unreadable.self) { try JournalRecord.batch(fromLine: Array("{}".utf8)) }
    }
}
