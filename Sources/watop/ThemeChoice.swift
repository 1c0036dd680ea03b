import WatopThemes
import WatopUI

/// Resolves `--theme`: the chosen theme first, then every other usable one in the order `t`
/// cycles. A theme that cannot be used is reported, and the default takes its place.
struct ThemeChoice {
    let requested: String

    func resolve() -> (themes: [Theme], problem: String?) {
        let library = ThemeLibrary.standard()
        let usable = library.usableThemes
        do {
            let chosen = try library.theme(named: requested)
            let start = usable.firstIndex { $0.name == chosen.name }
            let others = start.map { Array(usable[($0 + 1)...] + usable[..<$0]) } ?? usable
            return ([chosen] + others, nil)
        } catch {
            let fallback = usable.first { $0.name == Theme.standard.name } ?? .standard
            let others = usable.filter { $0.name != fallback.name }
            return ([fallback] + others, "theme: \(error); using the default theme")
        }
    }
}
