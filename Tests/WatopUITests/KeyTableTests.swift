import Testing
import WatopCore
@testable import WatopUI

@Suite struct KeyTableTests {
    @Test("the help overlay lists every binding and the footer shows only bindings of the current view")
    func helpAndFooterComeFromTheTable() {
        let help = HelpOverlay.lines(width: 200).map { $0.map(\.text).joined() }.joined(separator: "\n")
        for binding in KeyTable.bindings {
            #expect(help.contains(binding.summary), "\(binding.summary)")
        }
        for entry in EventFilter.syntax { #expect(help.contains(entry.example)) }
        let footerWords = KeyTable.footer(for: .dashboard).map(\.word)
        #expect(footerWords.contains("filter") && footerWords.contains("quit") && !footerWords.contains("apply"))
        #expect(KeyTable.footer(for: .filterPrompt).map(\.word) == ["apply", "clear"])
    }
}
