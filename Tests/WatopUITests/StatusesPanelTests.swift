import Testing
import WatopCore
@testable import WatopUI

@Suite struct StatusesPanelTests {
    /// Twilio's whole path for one message (queued, sent, undelivered) and a customer's message
    /// through Meta: three of Kaleyra's five documented statuses stay at zero.
    private static func store() -> EventStore {
        let store = EventStore(capacity: 100, startedAt: Fixture.startedAt)
        let callbacks: [(secondsAgo: Int64, request: RawRequest)] = [
            (30, Fixture.twilio(status: "queued")), (20, Fixture.twilio(status: "sent")),
            (10, Fixture.twilio(status: "undelivered", errorCode: "63016")),
            (5, Fixture.post(Fixture.metaInbound, contentType: "application/json")),
        ]
        for (secondsAgo, request) in callbacks {
            store.record(try! CallbackParser.parse(request, receivedAt: Fixture.ago(secondsAgo)))
        }
        return store
    }

    /// The statuses the panel lists, top to bottom, at a size where it is the leftmost table.
    private static func listed(columns: Int, rows: Int) -> [String] {
        let state = Fixture.state(size: TerminalSize(columns: columns, rows: rows), store: store())
        let lines = Fixture.screen(state).split(separator: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("│status ") }) else { return [] }
        return lines[(header + 1)...].prefix { !$0.hasPrefix("│messages ") }
            .map { String($0.dropFirst().prefix { $0 != " " }) }.filter { !$0.isEmpty }
    }

    @Test("Twilio's statuses take their places in the lifecycle, and an inbound message comes after it")
    func lifecycleOrder() {
        #expect(
            Self.listed(columns: 120, rows: 40)
                == ["queued", "sent", "delivered", "read", "failed", "undelivered", "not-sent", "inbound"])
    }

    @Test("a panel too short for every status leaves out those at zero")
    func zerosGiveWay() {
        #expect(Self.listed(columns: 80, rows: 24) == ["queued", "sent", "undelivered", "inbound"])
    }
}
