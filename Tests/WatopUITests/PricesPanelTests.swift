import Testing
import WatopCore
@testable import WatopUI

@Suite struct PricesPanelTests {
    @Test("without priced events the average and a number's reported price are –, not 0.0000")
    func noPriceIsADash() throws {
        let store = EventStore(capacity: 100, startedAt: Fixture.startedAt)
        store.record(try CallbackParser.parse(Fixture.twilio(status: "sent"), receivedAt: Fixture.ago(5)))
        let lines = Fixture.screen(Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: store)).split(separator: "\n")
        let average = try #require(lines.first { $0.contains("│average ") })
        #expect(average.split(separator: "│")[1].hasSuffix(" –"))
        let number = try #require(lines.first { $0.hasPrefix("│14155238886") })
        #expect(number.split(separator: " ").dropLast().last == "–")
    }
}
