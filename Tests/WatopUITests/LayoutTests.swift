import Testing
import WatopCore
@testable import WatopUI

@Suite struct LayoutTests {
    @Test("every size from nothing to small renders without a crash and without stray characters")
    func everySmallSize() {
        let store = Fixture.makeStore()
        for columns in 0...45 {
            for rows in 0...14 {
                var state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store)
                for keys in [[], [Key.enter], [.character("?")], [.character("/"), .character("x")]] {
                    Fixture.press(keys, &state)
                    let grid = render(state, Fixture.frame)
                    #expect(grid.cells.count == columns * rows)
                    #expect(grid.lines.allSatisfy { SafeText.width(of: $0) <= columns })
                }
            }
        }
    }

    @Test("panels drop in order as the terminal shrinks: numbers and prices first, then error codes for the chart, the event list never")
    func dropOrder() {
        func panels(_ columns: Int, _ rows: Int) -> Set<Panel> {
            Set(DashboardLayout(size: TerminalSize(columns: columns, rows: rows), showsFilterLine: false).focusOrder)
        }
        #expect(panels(200, 60) == Set(Panel.allCases))
        #expect(panels(120, 40) == Set(Panel.allCases))
        #expect(panels(120, 30) == [.events, .statuses, .errorCodes, .rates])
        #expect(panels(80, 24) == [.events, .statuses, .rates])
        #expect(panels(50, 40) == [.events, .statuses, .rates])
        #expect(panels(50, 24) == [.events, .statuses])
        #expect(panels(80, 15) == [.events])
        #expect(panels(40, 12) == [.events])
    }
}
