import Testing

@testable import WatopCore

@Suite struct EventCSVTests {
    @Test func theHeaderNamesEveryColumnOfTheHistory() {
        let names = EventCSV.header.dropLast().split(separator: ",").map(String.init)
        #expect(names == ["received_at", "receiver"] + HistoryColumn.allCases.map(\.rawValue))
        #expect(EventCSV.header.hasSuffix("\r\n"))
    }

    @Test func valuesWithCommasQuotesOrLineBreaksAreQuoted() {
        let event = CallbackEvent(
            receivedAt: UnixTime(milliseconds: 1_764_000_000_123), transport: .query, id: "a:1", status: .other("odd,one"),
            message: "say \"hi\"\nthen go", mobile: "919876543210", price: ReportedPrice(parsing: "12.50"))
        let row = EventCSV.row(for: event, receiver: "eu\u{301}\"1")
        #expect(row.hasPrefix("2025-11-24T16:00:00.123Z,\"eu\u{301}\"\"1\",1764000000123,kaleyra-v1,query,GET,a:1,\"odd,one\",\"say \"\"hi\"\"\nthen go\",919876543210,"))
        #expect(row.contains(",12.5,12,500000000,"))
        #expect(row.hasSuffix(",phone,\r\n"))
    }
}
