import Dispatch
import NIOConcurrencyHelpers
import WatopCore
import WatopUI

/// Reads the history database for the dashboard off its drawing thread, one read at a time in
/// the order asked, and keeps the answers until the next frame takes them: a slow search shows
/// "loading…" while the keys go on working.
final class HistoryReads: Sendable {
    private let reader: any HistoryReading
    private let queue = DispatchQueue(label: "watop.history-reads")
    private let answers = NIOLockedValueBox<[Action]>([])

    init(reader: any HistoryReading) {
        self.reader = reader
    }

    func read(_ query: HistoryQuery) {
        queue.async { [reader, answers] in
            let page = Result { () throws(HistoryError) in try reader.page(of: query.filter, olderThan: query.cursor, limit: query.limit) }
            answers.withLockedValue { $0.append(.historyPage(number: query.number, page)) }
        }
    }

    func readDetails(of stored: StoredEvent) {
        queue.async { [reader, answers] in
            let details = Result { () throws(HistoryError) in
                StoredDetails(
                    request: try reader.request(of: stored), lifecycle: try reader.lifecycle(ofMessage: stored.event.id),
                    forward: try reader.forward(of: stored))
            }
            answers.withLockedValue { $0.append(.storedDetails(of: stored, details)) }
        }
    }

    /// The answers that came since the last call.
    func take() -> [Action] {
        answers.withLockedValue { answers in
            defer { answers.removeAll() }
            return answers
        }
    }
}
