import ArgumentParser
import Foundation
import TOMLKit
import WatopCore

/// Alert rules and what to run when one fires or resolves. Everything is read once, at start,
/// and a rule, file or command that cannot be read stops the start.
struct AlertOptions: ParsableArguments {
    @Option(
        name: .customLong("alert"),
        help: ArgumentHelp(
            "An alert rule, e.g. 'status:failed share>5% over 5m' (repeatable; see docs/alerts.md).", valueName: "rule"))
    var rules: [String] = []

    @Option(
        name: .customLong("alerts"),
        help: ArgumentHelp("A TOML file of alert rules: [[alert]] with rule = \"…\".", valueName: "file"))
    var file: String?

    @Option(
        name: .customLong("on-alert"),
        help: ArgumentHelp(
            "Run this program, the alert as JSON on stdin, when a rule fires or resolves (split like a shell, run without one).",
            valueName: "command"))
    var command: String?

    @Option(name: .customLong("on-alert-timeout"), help: "Seconds --on-alert may run before its process group is killed.")
    var timeoutSeconds = 10

    func validate() throws {
        guard (1...3600).contains(timeoutSeconds) else {
            throw ValidationError("--on-alert-timeout \(timeoutSeconds) must be between 1 and 3600 seconds")
        }
        if command != nil, rules.isEmpty, file == nil {
            throw ValidationError("--on-alert needs at least one rule (--alert or --alerts)")
        }
    }

    /// The rules of `--alert` and `--alerts`, in that order.
    func readRules() throws -> [AlertRule] {
        var texts = rules.map { (text: $0, origin: "--alert") }
        if let file { texts += try Self.rules(inFile: file).map { ($0, "--alerts \(file)") } }
        return try texts.map { entry in
            do {
                return try AlertRule(parsing: entry.text)
            } catch {
                throw CommandFailure(message: "\(entry.origin): \(error)")
            }
        }
    }

    /// The program `--on-alert` names, split into its words.
    func hookArguments() throws -> [String]? {
        guard let command else { return nil }
        let words: [String]
        do {
            words = try CommandWords.split(command)
        } catch {
            throw CommandFailure(message: "--on-alert '\(command)': \(error)")
        }
        guard !words.isEmpty else { throw CommandFailure(message: "--on-alert names no program") }
        return words
    }

    private static func rules(inFile path: String) throws -> [String] {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure(message: "--alerts \(path): cannot be read (\(error.localizedDescription))")
        }
        let document: TOMLTable
        do {
            document = try TOMLTable(string: source)
        } catch {
            throw CommandFailure(message: "--alerts \(path): not TOML: \(error)")
        }
        guard let entries = document["alert"]?.array else {
            throw CommandFailure(message: "--alerts \(path): expected [[alert]] tables, each with rule = \"…\"")
        }
        return try entries.enumerated().map { index, entry in
            guard let rule = entry.table?["rule"]?.string else {
                throw CommandFailure(message: "--alerts \(path): alert \(index + 1) has no rule = \"…\"")
            }
            return rule
        }
    }
}
