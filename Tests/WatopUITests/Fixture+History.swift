import WatopCore
@testable import WatopUI

/// A history database in memory, answering as the real ones do: newest first, by time then by
/// the row's key, through the filter as the buffer applies it.
struct FakeHistory: HistoryReading {
    /// Newest first.
    var events: [StoredEvent]
    var requests: [Int64: StoredRequest] = [:]
    var forwards: [Int64: ForwardOutcome] = [:]
    /// Thrown by every read, when set: a database that went away.
    var failure: HistoryError?

    func page(of filter: EventFilter, olderThan cursor: HistoryCursor?, limit: Int) throws(HistoryError) -> [StoredEvent] {
        if let failure { throw failure }
        let older = events.filter { stored in
            guard filter.matches(stored.event) else { return false }
            guard let cursor else { return true }
            let time = stored.event.receivedAt.milliseconds
            guard time == cursor.receivedMilliseconds, let row = cursor.row else { return time <= cursor.receivedMilliseconds }
            return (stored.receiverNumber, stored.position, stored.part) < (row.receiver, row.position, row.part)
        }
        return Array(older.prefix(limit))
    }

    func request(of event: StoredEvent) throws(HistoryError) -> StoredRequest? {
        if let failure { throw failure }
        return requests[event.position]
    }

    func forward(of event: StoredEvent) throws(HistoryError) -> ForwardOutcome? {
        if let failure { throw failure }
        return forwards[event.position]
    }

    func lifecycle(ofMessage id: String) throws(HistoryError) -> [StoredEvent] {
        if let failure { throw failure }
        return events.filter { $0.event.id == id }.reversed()
    }
}

extension Fixture {
    /// The fixture's callbacks over and over, two days back and more, one every 37 seconds:
    /// `count` requests, taken in turn by `receivers`. The JSON bodies are kept cut at 120 bytes;
    /// every request was forwarded, the fifth ones refused by the app.
    static func history(_ count: Int, receivers: [String] = ["eu-1"]) -> FakeHistory {
        var events: [StoredEvent] = []
        var requests: [Int64: StoredRequest] = [:]
        for position in 0..<Int64(count) {
            let request = callbacks[Int(position) % callbacks.count].request
            let receivedAt = UnixTime(milliseconds: now.milliseconds - 2 * 86_400_000 - position * 37_000)
            let batch = try! CallbackParser.parse(request, receivedAt: receivedAt)
            let receiver = Int(position) % receivers.count
            for (part, event) in batch.events.enumerated() {
                events.append(
                    StoredEvent(event: event, receiver: receivers[receiver], receiverNumber: Int64(receiver + 1), position: position, part: Int64(part)))
            }
            requests[position] = StoredRequest(
                method: request.method, target: request.target, headers: request.headers, body: Array(request.body.prefix(120)),
                bodyBytes: request.body.count)
        }
        var forwards: [Int64: ForwardOutcome] = [:]
        for position in 0..<Int64(count) {
            let refused = position % 5 == 4
            forwards[position] = ForwardOutcome(
                journalPosition: position, state: refused ? .deadLettered : .delivered, status: refused ? 422 : 200, attempts: refused ? 3 : 1,
                latencyMicroseconds: 41_000, attemptedAt: UnixTime(milliseconds: now.milliseconds - 2 * 86_400_000 - position * 37_000 + 90))
        }
        return FakeHistory(events: events, requests: requests, forwards: forwards)
    }

    /// Does what the state asks of the history, as the dashboard loop does, until it asks nothing.
    static func carryOut(_ state: inout UIState, with history: FakeHistory) {
        while let effect = state.effect {
            reduce(&state, .effectTaken)
            switch effect {
            case .readHistory(let query):
                let page = Result { () throws(HistoryError) in try history.page(of: query.filter, olderThan: query.cursor, limit: query.limit) }
                reduce(&state, .historyPage(number: query.number, page))
            case .readStoredDetails(let stored):
                let details = Result { () throws(HistoryError) in
                    StoredDetails(
                        request: try history.request(of: stored), lifecycle: try history.lifecycle(ofMessage: stored.event.id),
                        forward: try history.forward(of: stored))
                }
                reduce(&state, .storedDetails(of: stored, details))
            case .copy, .resend:
                return
            }
        }
    }

    /// The fixture's dashboard, able to read a history.
    static func stateWithHistory(size: TerminalSize, store: EventStore = makeStore()) -> UIState {
        var state = UIState(size: size, readsHistory: true)
        reduce(&state, .refresh(store.snapshot(at: now), at: now))
        return state
    }

    /// Presses `keys` and carries out what each asks of `history`.
    static func press(_ keys: [Key], _ state: inout UIState, history: FakeHistory) {
        for key in keys {
            press([key], &state)
            carryOut(&state, with: history)
        }
    }
}
