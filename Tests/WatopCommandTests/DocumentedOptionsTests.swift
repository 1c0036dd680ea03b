import ArgumentParser
import Foundation
import Testing

@testable import watop

/// `docs/options.md` and README's main options are the commands' own options: an option added
/// to a command and not to the docs, one documented that no command has, or a default that
/// differs from the code's, fails here.
@Suite struct DocumentedOptionsTests {
    /// An option as `--help` shows it: its name and the default it states, if one.
    struct HelpOption: Equatable {
        let name: String
        let defaultValue: String?
    }

    private func lines(of file: String) throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
    }

    /// The options of `command` from its help text, help and version left out.
    private func options(of command: any ParsableCommand.Type) -> [String: HelpOption] {
        let help = Watop.helpMessage(for: command, columns: 10_000)
        var found: [String: HelpOption] = [:]
        var current: (name: String, text: String)?
        func finish() {
            guard let current, !["--help", "--version"].contains(current.name) else { return }
            let stated = current.text.firstMatch(of: /\(default: ([^ ()]+)\)/).map { String($0.1) }
            found[current.name] = HelpOption(name: current.name, defaultValue: stated)
        }
        for line in help.components(separatedBy: "\n") {
            if let match = line.wholeMatch(of: /\ \ (?:-\w, )?(--[a-z0-9-]+)(.*)/) {
                finish()
                current = (String(match.1), String(match.2))
            } else if line.hasPrefix("   "), let open = current {
                current = (open.name, open.text + " " + line.trimmingCharacters(in: .whitespaces))
            } else {
                finish()
                current = nil
            }
        }
        finish()
        return found
    }

    /// The rows of every options table from line `start` up to the next `## ` heading: the
    /// options each row names, and its default cell.
    private func documented(in lines: [String], from start: Int) -> [(names: [String], defaultCell: String)] {
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        return section.compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, cells[1].hasPrefix("`--") else { return nil }
            return (cells[1].matches(of: /`(--[a-z0-9-]+)`/).map { String($0.1) }, cells[2])
        }
    }

    /// The default cell names the code's default, allowing `10` for `10.0`.
    private func states(_ cell: String, _ value: String) -> Bool {
        guard let written = cell.firstMatch(of: /`([^`]+)`/).map({ String($0.1) }) else { return false }
        return written == value || (Double(written) != nil && Double(written) == Double(value))
    }

    private func check(_ command: any ParsableCommand.Type, heading: String) throws {
        let lines = try lines(of: "docs/options.md")
        let start = try #require(lines.firstIndex(of: heading), "docs/options.md lacks \(heading)")
        let rows = documented(in: lines, from: start)
        let options = options(of: command)
        let names = Set(rows.flatMap(\.names))
        #expect(Set(options.keys).subtracting(names).sorted() == [], "\(heading): options without a line in docs/options.md")
        #expect(names.subtracting(options.keys).sorted() == [], "\(heading): documented options the command does not have")
        for row in rows {
            for name in row.names {
                guard let stated = options[name]?.defaultValue else { continue }
                #expect(states(row.defaultCell, stated), "\(heading): \(name) defaults to \(stated), the docs say \(row.defaultCell)")
            }
        }
    }

    @Test func runsOptionsAreDocumented() throws { try check(RunCommand.self, heading: "## watop run") }

    @Test func simulatesOptionsAreDocumented() throws { try check(SimulateCommand.self, heading: "## watop simulate") }

    @Test func replaysOptionsAreDocumented() throws { try check(ReplayCommand.self, heading: "## watop replay") }

    @Test func attachsOptionsAreDocumented() throws { try check(AttachCommand.self, heading: "## watop attach") }

    @Test func historysOptionsAreDocumented() throws { try check(HistoryCommand.self, heading: "## watop history") }

    @Test func storeRebuildsOptionsAreDocumented() throws {
        try check(StoreRebuildCommand.self, heading: "## watop store rebuild")
    }

    @Test func readmesMainOptionsAreRunsOwn() throws {
        let lines = try lines(of: "README.md")
        let start = try #require(lines.firstIndex(of: "## Main options"))
        let rows = documented(in: lines, from: start)
        let options = options(of: RunCommand.self)
        #expect(!rows.isEmpty)
        for row in rows {
            for name in row.names {
                let option = try #require(options[name], "README names \(name), which watop run does not have")
                if let stated = option.defaultValue {
                    #expect(states(row.defaultCell, stated), "\(name) defaults to \(stated), README says \(row.defaultCell)")
                }
            }
        }
    }
}
