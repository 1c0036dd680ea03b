import Testing
import WatopCore
@testable import WatopUI

@Suite struct TableTests {
    @Test("at 80×24 the statuses panel says how many statuses it has no room for")
    func leftOutRowsAreCounted() {
        let state = Fixture.state(size: TerminalSize(columns: 80, rows: 24), store: Fixture.makeStore())
        let lines = render(state, Fixture.frame).lines
        #expect(lines.contains { $0.hasPrefix("└─ +3 more ─") })
    }

    @Test("spare columns go to the id and the message evenly, up to a Kaleyra id whole, then to the message")
    func idAndMessageShareSpareWidth() {
        func screen(_ columns: Int) -> String {
            let state = Fixture.state(size: TerminalSize(columns: columns, rows: 60), store: Fixture.makeStore())
            return render(state, Fixture.frame).lines.joined(separator: "\n")
        }
        #expect(screen(200).contains("kal-v1 c4d5e6f7-0000-4000-8000-000000000007:0 919700000007"))
        #expect(screen(200).contains("Yes please, deliver tomorrow"))
        #expect(screen(120).contains("kal-v1 c4d5e6f7-0000-4000-8…:0 919700000007"))
        #expect(screen(120).contains("Yes please, deliver …│"))
    }

    @Test("the WhatsApp numbers panel says where the number comes from while no callback has named one")
    func whatsappNumbersHintWithoutANumber() {
        func screen(_ store: EventStore) -> String {
            render(Fixture.state(size: TerminalSize(columns: 200, rows: 60), store: store), Fixture.frame).lines.joined(separator: "\n")
        }
        let store = EventStore(capacity: 10, startedAt: Fixture.startedAt)
        store.record(try! CallbackParser.parse(Fixture.get(["id": Fixture.m1, "status": "sent", "mobile": "919876543210"]), receivedAt: Fixture.ago(5)))
        #expect(screen(store).contains("│(none given)"))
        #expect(screen(store).contains("no callback has named its WhatsApp number yet (Kaleyra adds whatsapp_number to its callbacks)"))
        #expect(!screen(Fixture.makeStore()).contains("no callback has named"))
    }

    @Test("sorted by last seen, the error codes keep that column longest")
    func sortColumnStays() {
        var state = Fixture.state(size: TerminalSize(columns: 70, rows: 30), store: Fixture.makeStore())
        Fixture.press([.tab, .tab, .character("s"), .character("s")], &state)
        #expect(state.focus == .errorCodes && state.sort(of: .errorCodes) == .recent)
        let screen = render(state, Fixture.frame).lines.joined(separator: "\n")
        #expect(screen.contains("││code      count last seen"))
    }
}
