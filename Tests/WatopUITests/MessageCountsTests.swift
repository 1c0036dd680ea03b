import Testing
import WatopCore
@testable import WatopUI

@Suite struct MessageCountsTests {
    /// One message seen from `sent`, two whose `sent` watop never saw (it started while the
    /// provider was sending), one read at once without `delivered`, and one `not-sent`.
    private static func store() -> EventStore {
        let store = EventStore(capacity: 100, startedAt: Fixture.startedAt)
        let callbacks: [(String, String)] = [
            ("m1:0", "sent"), ("m1:0", "delivered"), ("m2:0", "delivered"), ("m3:0", "delivered"),
            ("m4:0", "read"), ("m5:0", "not-sent"),
        ]
        for (offset, (id, status)) in callbacks.enumerated() {
            let request = Fixture.get(["id": id, "status": status, "mobile": "919876543210", "whatsapp_number": "918000000001"])
            store.record(try! CallbackParser.parse(request, receivedAt: Fixture.ago(Int64(20 - offset))))
        }
        return store
    }

    private static func screen(columns: Int, rows: Int) -> [Substring] {
        Fixture.screen(Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store())).split(separator: "\n")
    }

    @Test("no share, ratio or rate of messages on screen passes 100%", arguments: [(200, 60), (160, 48), (80, 24)])
    func noRatioPassesAHundred(columns: Int, rows: Int) {
        let percentages = Self.screen(columns: columns, rows: rows).flatMap { line in
            line.split(separator: " ").compactMap { word in word.hasSuffix("%") ? Double(word.dropLast()) : nil }
        }
        #expect(!percentages.isEmpty)
        #expect(percentages.allSatisfy { $0 <= 100 })
    }

    @Test("the funnel counts messages: reached of sent, read of reached")
    func funnelCountsMessages() {
        let lines = Self.screen(columns: 200, rows: 60)
        #expect(lines.contains { $0.contains("│messages 5  pending 0  failed 1 ") })
        #expect(lines.contains { $0.contains("│reached/sent 80.0%  read/reached 25.0% ") })
    }

    @Test("a number's row adds up: pending, reached and failed (not-sent included) make its messages")
    func numberRowAddsUp() throws {
        let row = try #require(Self.screen(columns: 200, rows: 60).first { $0.hasPrefix("│918000000001") })
        let cells = row.dropFirst().split(separator: " ").map(String.init)
        #expect(Array(cells.prefix(8)) == ["918000000001", "5", "0", "4", "1", "1", "80.0%", "25.0%"])
    }
}
