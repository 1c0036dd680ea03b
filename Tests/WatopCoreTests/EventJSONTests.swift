import Testing
@testable import WatopCore

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
