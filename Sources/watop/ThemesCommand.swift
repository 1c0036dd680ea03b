import ArgumentParser
import Foundation
import WatopThemes

/// `watop themes`: the themes watop can use, and where to put your own.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the dashboard's themes (built-in and your own).",
        discussion: "Use one with `watop --theme NAME` or `--theme PATH`; press `t` in the dashboard to cycle."
    )

    func run() throws {
        let library = ThemeLibrary.standard()
        let width = max(12, library.entries.map(\.name.count).max() ?? 0)
        var broken = false
        for entry in library.entries {
            let origin = entry.isBuiltIn ? "built-in" : "user"
            let name = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
            switch entry.outcome {
            case .success:
                print("\(name)  \(origin.padding(toLength: 8, withPad: " ", startingAt: 0))  \(entry.description ?? "")")
            case .failure(let error):
                broken = true
                print("\(name)  \(origin.padding(toLength: 8, withPad: " ", startingAt: 0))  BROKEN: \(error)")
            }
        }
        print("\nYour own themes go in \(library.userDirectory)/NAME.toml (format: see the default theme's comments).")
        if broken { throw ExitCode(1) }
    }
}
