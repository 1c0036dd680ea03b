import Testing
import WatopCore
@testable import WatopUI

@Suite struct HelpOverlayTests {
    @Test("at 80 columns every help line fits: long ones go on under themselves, whole words each", arguments: [80, 60])
    func wrapsInsteadOfCutting(columns: Int) {
        let size = TerminalSize(columns: columns, rows: 200)
        var state = Fixture.state(size: size, store: Fixture.makeStore())
        Fixture.press([.character("?")], &state)
        let inside = HelpOverlay.frame(in: size).inset(by: 1)
        let text = Fixture.screen(state)
        #expect(text.contains("filter events (live preview)"))
        for line in HelpOverlay.lines(width: inside.width - 1) {
            #expect(line.reduce(0) { $0 + SafeText.width(of: $1.text) } <= inside.width - 1, "\(line.map(\.text).joined())")
        }
        #expect(text.contains("characters"))
    }

    @Test("the help says how to scroll the detail view")
    func saysHowToScrollTheDetailView() {
        let lines = HelpOverlay.lines(width: 120).map { $0.map(\.text).joined() }
        let detail = lines.drop { $0 != "Detail view" }
        #expect(detail.dropFirst().first == "  ↑ k ↓ j PgUp PgDn Home g End G scroll")
    }
}
