// What every fuzz target checks of an input, beyond "does not crash": every accepted event
// prints as valid JSON, and the request's journal line rebuilds exactly the same events.
enum FuzzChecks {
    static func callback(_ request: RawRequest) {
        guard let batch = try? CallbackParser.parse(request, receivedAt: UnixTime(seconds: 1_710_000_000)),
            !batch.events.isEmpty
        else { return }
        let lines = batch.events.map(EventJSON.line(for:))
        for line in lines where (try? JSONParser.parse(Array(line.utf8))) == nil {
            fatalError("event line is not JSON: \(line)")
        }
        var record = JournalRecord.line(for: batch)
        record.removeLast()
        guard let rebuilt = try? JournalRecord.batch(fromLine: record), rebuilt.events.map(EventJSON.line(for:)) == lines else {
            fatalError("journal record does not rebuild the events: \(lines)")
        }
    }

    static let sampleEvents: [CallbackEvent] = [
        "/callback?id=a:0&status=failed&error_code=131047&error=Re-engagement&mobile=919876543210&whatsapp_number=918000000001&ref=order-7&price=0.01",
        "/callback?id=b:0&status=Queued&message=%E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87+%F0%9F%98%80",
        "/callback?id=c:0&status=read",
    ].compactMap {
        try? CallbackParser.parse(
            RawRequest(method: "GET", target: $0, headers: [], body: []), receivedAt: UnixTime(seconds: 1_710_000_000)
        ).events.first
    }
}
