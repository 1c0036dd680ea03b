import ArgumentParser
import Foundation
import Testing
import WatopHistory

@testable import watop

@Suite struct HistoryCommandTests {
    private func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("watop-history-command-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func exitCode(_ arguments: [String]) throws -> Int32? {
        let command = try HistoryCommand.parse(arguments)
        do {
            try command.run()
            return nil
        } catch let exit as ExitCode {
            return exit.rawValue
        }
    }

    @Test func aMissingDatabaseExitsWith1() throws {
        let folder = folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try exitCode(["--store", folder + "/none.sqlite", "status:failed"]) == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
    }

    @Test func aFilterTheDatabaseCannotRunExitsWith2() throws {
        let folder = folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try HistoryDatabase.open(path: folder + "/h.sqlite")
        #expect(try exitCode(["--store", folder + "/h.sqlite", "stuck:"]) == 2)
        #expect(try exitCode(["--store", folder + "/h.sqlite", "stat:x"]) == 2)
    }

    @Test func anIDTakesNoFilter() {
        #expect(throws: (any Error).self) { try HistoryCommand.parse(["--id", "a:1", "status:failed"]) }
        #expect(throws: (any Error).self) { try HistoryCommand.parse(["--limit", "0"]) }
        #expect(throws: (any Error).self) { try HistoryCommand.parse(["--format", "xml"]) }
    }
}
