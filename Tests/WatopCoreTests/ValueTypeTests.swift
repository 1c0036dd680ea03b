import Testing

@testable import WatopCore

@Suite struct ReportedPriceTests {
    @Test func sumsAreExactWhereBinaryFloatingPointIsNot() {
        let sum = ["0.1", "0.2"].compactMap { ReportedPrice(parsing: $0) }.reduce(.zero, +)
        #expect(sum == ReportedPrice(parsing: "0.3"))
        #expect(sum.formatted() == "0.30")
    }

    @Test func aMillionCentsAddUpToTenThousandExactly() {
        var total = ReportedPrice.zero
        let cent = ReportedPrice(parsing: "0.01")!
        for _ in 0..<1_000_000 { total += cent }
        #expect(total.formatted() == "10000.00")
    }

    @Test(arguments: [
        ("0.01", "0.01"), ("12", "12.00"), (".5", "0.50"), ("0.0085", "0.0085"), ("000.100", "0.10"),
        ("123456789.123456789", "123456789.123456789"),
    ])
    func formatsTheExactValue(text: String, formatted: String) {
        #expect(ReportedPrice(parsing: text)?.formatted() == formatted)
    }

    @Test(arguments: ["", ".", "1.2.3", "-1", "+1", "1e2", "0x10", "1,5", " 1", "1234567890123456789"])
    func refusesAnythingButAPlainDecimal(text: String) {
        #expect(ReportedPrice(parsing: text) == nil)
    }

    @Test func unitsAreTheAmountAsADoubleBeyondSixtyFourBitsToo() {
        #expect(ReportedPrice(parsing: "0.0085")!.units == 0.0085)
        #expect(ReportedPrice(parsing: "123456789.5")!.units == 123456789.5)
        let huge = ReportedPrice(nanos: Int128(Int64.max) * 4)
        #expect(huge.units == Double(Int64.max) * 4 / 1e9)
    }

    @Test func averageTruncatesToNanoUnits() {
        #expect(ReportedPrice(parsing: "1")!.divided(by: 3).formatted() == "0.333333333")
        #expect(ReportedPrice(parsing: "1")!.divided(by: 0) == .zero)
    }
}

@Suite struct UnixTimeTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"), (1_710_000_042_000, "2024-03-09T16:00:42.000Z"),
        (951_782_400_123, "2000-02-29T00:00:00.123Z"), (-1000, "1969-12-31T23:59:59.000Z"),
    ])
    func formatsISO8601InUTC(milliseconds: Int64, text: String) {
        #expect(UnixTime(milliseconds: milliseconds).iso8601 == text)
    }

    @Test func timesWrittenInARowThroughOneCacheReadAsEachAlone() {
        let times: [Int64] = [1_710_000_042_123, 1_710_000_042_999, 1_710_000_043_000, 1_710_000_042_001, -1, -1000, -999, 0]
        var cache = ISO8601SecondCache()
        var bytes: [UInt8] = []
        for time in times {
            bytes.append(upTo: ISO8601SecondCache.writtenBytes + 1) { out in
                cache.write(UnixTime(milliseconds: time), to: &out)
                out.write(UInt8(ascii: " "))
            }
        }
        #expect(String(decoding: bytes, as: UTF8.self) == times.map { UnixTime(milliseconds: $0).iso8601 + " " }.joined())
        #expect(UnixTime(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }

    @Test func clockTimeIsHoursMinutesSeconds() {
        #expect(UnixTime(seconds: 1_710_000_042).clockTime == "16:00:42")
    }
}

@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentsKeepingNumbersAsText() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e3, true, null], "b": {"c": "d"}} "#.utf8))
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(value["b"]?["c"] == .string("d"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(Array(#""q\"b\\s\/n\n\u00e9\ud83d\ude00""#.utf8))
        #expect(value == .string("q\"b\\s/n\né😀"))
    }

    @Test func lastDuplicateKeyWins() throws {
        let value = try JSONParser.parse(Array(#"{"k":"first","k":"last"}"#.utf8))
        #expect(value["k"] == .string("last"))
    }

    @Test(arguments: [
        "", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "01", "1.", "-", "tru", "\"\u{01}\"", "\"\\x\"", "{} {}",
        "\"\\ud83d", "{'a':1}",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func refusesHostileNestingWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONParser.parse(Array(allowed.utf8)) }
    }
}

@Suite struct EventJSONTests {
    @Test func controlCharactersAreEscapedSoALineStaysOneLine() throws {
        let event = CallbackEvent(
            receivedAt: Samples.receivedAt, transport: .query, id: "e:0", status: .sent,
            message: "evil\u{1B}[2J\nnext\"line\u{7F}")
        let line = EventJSON.line(for: event)
        #expect(!line.contains("\n") && !line.contains("\u{1B}"))
        #expect(line.contains(#""message":"evil\u001b[2J\nnext\"line\u007f""#))
        #expect(try JSONParser.parse(Array(line.utf8))["message"] == .string(event.message!))
    }

    /// Every field at its escaped worst (each byte written as `\u00XX`), the longest numbers,
    /// and a phone number stored as the mobile: the room reserved for a line must hold it.
    @Test(arguments: [false, true])
    func theLargestLineFitsTheRoomMadeForIt(phoneNumberIsMobile: Bool) throws {
        let worst = String(repeating: "\u{01}", count: 700)
        var event = CallbackEvent(
            receivedAt: UnixTime(milliseconds: -1), format: .meta, transport: .query, method: worst, id: worst,
            status: .other(worst), message: worst, mobile: worst, phoneNumber: phoneNumberIsMobile ? worst : worst + "x",
            whatsappNumber: worst, error: worst, errorCode: worst, price: ReportedPrice(nanos: .min),
            timestamp: UnixTime(milliseconds: 999_999_999_999_999), customResponse: worst, ref: worst, ref1: worst,
            ref2: worst, pricingCategory: worst, billable: false)
        event.sequence = .max
        let line = EventJSON.line(for: event)
        let document = try JSONParser.parse(Array(line.utf8))
        #expect(document["seq"] == .number(String(UInt64.max)))
        #expect(document["phone_number"] == .string(phoneNumberIsMobile ? worst : worst + "x"))
        #expect(document["price"] == .string(ReportedPrice(nanos: .min).formatted(minimumFractionDigits: 0)))
        #expect(document["billable"] == .bool(false))
    }

    @Test func absentFieldsAreNullAndThePriceIsAnExactString() throws {
        let line = EventJSON.line(for: Samples.event(price: "0.0100"))
        let document = try JSONParser.parse(Array(line.utf8))
        #expect(document["price"] == .string("0.01"))
        #expect(document["ref2"] == .null)
        #expect(document["error_code"] == .null)
    }
}

@Suite struct ReportedPriceRoundingTests {
    @Test(arguments: [("0.243932291", "0.2439"), ("0.00005", "0.0001"), ("0.00004999", "0.0000"), ("2", "2.0000")])
    func roundsHalfAwayFromZeroForDisplay(text: String, rounded: String) {
        #expect(ReportedPrice(parsing: text)!.rounded(fractionDigits: 4).formatted(minimumFractionDigits: 4) == rounded)
    }
}

@Suite struct EventJSONBatchTests {
    @Test func appendedLinesAreTheLinesOfEachEventInOrder() throws {
        let events = (0..<3).map { Samples.event(id: "b\($0):0", price: $0 == 1 ? "0.5" : nil) }
        var bytes: [UInt8] = []
        var json = EventJSON()
        for event in events { json.append(event, to: &bytes) }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == events.map(EventJSON.line(for:)))
        #expect(try JSONParser.parse(Array(lines[1].utf8))["price"] == .string("0.5"))
    }
}

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

@Suite struct RawRequestTests {
    @Test func everyPartReadsBackAsGiven() {
        let headers: [(name: String, value: String)] = [
            (name: "Host", value: "127.0.0.1:8080"), (name: "X-Empty", value: ""),
            (name: "X-Long", value: String(repeating: "v", count: 70_000)), (name: "X-Accent", value: "café ✓"),
            (name: "Content-Type", value: "application/json"),
        ]
        let body: [UInt8] = Array("{\"id\":\"m:0\"}".utf8) + [0x00, 0xFF, 0x0A]
        let request = RawRequest(method: "POST", target: "/callback?id=m%3A0&x=✓", headers: headers, body: body)
        #expect(request.method == "POST")
        #expect(request.target == "/callback?id=m%3A0&x=✓")
        #expect(request.query == "id=m%3A0&x=✓")
        #expect(request.headers.map(\.name) == headers.map(\.name))
        #expect(request.headers.map(\.value) == headers.map(\.value))
        #expect(request.body == body && request.bodyCount == body.count)
        #expect(request.withTarget { Array($0) } == Array("/callback?id=m%3A0&x=✓".utf8))
        #expect(request.header("content-TYPE") == "application/json")
        #expect(request.header("x-empty") == "")
        #expect(request.header("X-Missing") == nil)
        #expect(request.header("content_type") == nil && request.header("content-typo") == nil)
    }

    @Test func emptyPartsReadBackEmpty() {
        let empty = RawRequest(method: "", target: "", headers: [], body: UnsafeBufferPointer(start: nil, count: 0))
        #expect(empty.method.isEmpty && empty.target.isEmpty && empty.headers.isEmpty && empty.body.isEmpty)
        #expect(empty.header("Host") == nil && empty.query.isEmpty && empty.bodyCount == 0)
    }

    @Test func copiesShareOneRequest() {
        let request = Samples.get(Samples.seedQuery)
        let copy = request
        #expect(copy.isSameRequest(as: request))
        #expect(!Samples.get(Samples.seedQuery).isSameRequest(as: request))
    }
}
