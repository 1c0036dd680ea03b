import ArgumentParser
import Foundation
import WatopCore
import WatopHistory
import WatopServer

/// `watop store`: work on a history database apart from a running watop.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on a history database (--store).",
        subcommands: [StoreRebuildCommand.self]
    )
}

/// `watop store rebuild`: the history made anew from the journal.
struct StoreRebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Make a receiver's rows of the history anew from its journal.",
        discussion: """
            Removes the receiver's events from the database, then writes every line the journal \
            still holds. Stop the watop that writes this journal first.
            """
    )

    @OptionGroup var location: StoreLocation

    @Option(help: "The journal to read (default: the one --store keeps beside the database).")
    var journal: String?

    @Option(name: .customLong("receiver-name"), help: "Whose rows to make anew (default: the host name).")
    var receiverName: String?

    @Option(name: .customLong("store-body"), help: "How much of each request's body the database keeps (0 keeps none).")
    var bodyBytes = ByteSize(bytes: 4096)

    func run() throws {
        let store = location.path
        let receiverName = receiverName ?? StoreOptions.hostName
        if location.isPostgres, journal == nil {
            throw ValidationError("--store \(store) needs --journal FILE: the receiver's own journal")
        }
        let journalPath = journal ?? StoreOptions.journalPath(besideStore: store)
        do {
            guard FileManager.default.fileExists(atPath: journalPath) else {
                throw HistoryError("no journal at \(journalPath): name the one the store was built from with --journal")
            }
            if Journal.isInUse(path: journalPath) {
                throw HistoryError("journal \(journalPath) is in use by a running watop: stop it first (it catches the store up by itself)")
            }
            let database = try StoreOptions.open(location)
            let receiver = try database.receiver(named: receiverName)
            try database.forget(receiver: receiver.id)
            let writer = HistoryWriter(
                database: database, source: .file(journalPath), receiverName: receiverName,
                settings: HistoryWriter.Settings(bodyBytesKept: Int(bodyBytes.bytes), retention: .unlimited))
            writer.catchUp()
            database.close()
            let progress = writer.progress
            if let problem = progress.problem { throw HistoryError(problem) }
            var report = "rebuilt \(receiverName) in \(store): \(progress.eventsWritten) events from \(journalPath)"
            if progress.unreadableLines > 0 { report += "; \(progress.unreadableLines) unreadable lines skipped" }
            print(report)
        } catch let error as HistoryError {
            throw CommandFailure(message: error.description)
        }
    }
}
