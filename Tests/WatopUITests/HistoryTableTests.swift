import Testing
import WatopCore

@testable import WatopUI

@Suite struct HistoryTableTests {
    static let events = [
        CallbackEvent(
            receivedAt: UnixTime(milliseconds: 1_764_000_000_123), transport: .query, id: "wamid.\u{1B}[31mX", status: .failed,
            mobile: "919876543210", errorCode: "131047", price: ReportedPrice(parsing: "0.0085")),
        CallbackEvent(receivedAt: UnixTime(milliseconds: 1_764_000_001_000), transport: .query, id: "a:1", status: .read),
    ]

    @Test func columnsAreAlignedAndCallbackTextCannotDriveTheTerminal() {
        let lines = HistoryTable.lines(Self.events)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("time                      status  id"))
        #expect(lines[1].contains("wamid.\\x1b[31mX"))
        #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 })
        // Every column starts where its title does.
        let statusColumn = lines[0].range(of: "status")!.lowerBound.utf16Offset(in: lines[0])
        #expect(lines.dropFirst().allSatisfy { Array($0.utf16)[statusColumn] != 0x20 })
        #expect(lines[1].hasSuffix("131047  0.0085"))
        #expect(lines[2].hasSuffix("–"))
    }

    @Test func aLifecycleNamesEachEventsReceiver() {
        let lines = HistoryTable.lines(Self.events, receivers: ["eu-1", "us\u{7}"])
        #expect(lines[0].hasSuffix("receiver"))
        #expect(lines[1].hasSuffix("eu-1"))
        #expect(lines[2].hasSuffix("us\\x07"))
    }

    @Test func aKeptRequestIsIndentedAndSafe() {
        let lines = HistoryTable.request(
            method: "POST", target: "/callback", headers: [("Content-Type", "application/json")],
            body: Array("{\"a\":\r\n\"\u{1B}]0;x\u{7}\"}".utf8), bodyBytes: 40)
        #expect(
            lines == [
                "    POST /callback", "    Content-Type: application/json", "    ", "    {\"a\":", "    \"\\x1b]0;x\\x07\"}",
                "    … 24 more bytes of body not kept",
            ])
    }
}
