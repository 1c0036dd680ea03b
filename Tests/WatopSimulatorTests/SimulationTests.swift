import Testing
import WatopCore
import WatopServer

@testable import WatopSimulator

/// The simulator against the real listener over real sockets.
@Suite struct SimulationTests {
    /// What watop counted must be exactly what the simulator says it sent, event for event,
    /// in every format: a Meta webhook carries several events in one request.
    @Test(arguments: TrafficModelTests.formatChoices)
    func everySimulatedCallbackIsAcceptedAndCounted(formats: [CallbackFormat]) async throws {
        let store = EventStore(capacity: 10_000, startedAt: .now())
        let listener = try await CallbackListener.start(
            configuration: ListenerConfiguration(port: 0, threads: 1), store: store)
        var profile = TrafficProfile()
        profile.formats = formats
        let simulation = Simulation(
            url: try CallbackURL(parsing: listener.callbackURL), profile: profile, callbacksPerSecond: nil,
            limit: .count(600), connections: 3)
        let report = try await simulation.run()
        await listener.shutdown()
        #expect(report.sent == 600)
        #expect(report.answered == [200: 600])
        #expect(report.failures == 0)
        #expect(report.statuses.values.reduce(0, +) == report.events)
        #expect(report.formats.values.reduce(0, +) == report.events)
        #expect(Set(report.formats.keys) == Set(formats))
        if formats.contains(.meta) {
            #expect(report.events > report.sent)
            #expect(report.summary.hasPrefix("sent 600 callbacks (\(report.events) events) in "))
        }
        let totals = store.snapshot().aggregates
        #expect(totals.accepted == report.events)
        #expect(totals.rejected == 0)
        for (status, count) in report.statuses {
            #expect(totals.statuses.count(of: DeliveryStatus(parsing: status)) == count)
        }
        for format in CallbackFormat.allCases {
            #expect(totals.accepted(in: format) == report.formats[format, default: 0])
        }
    }

    @Test func anUnreachableTargetIsReportedInWords() async throws {
        let store = EventStore(capacity: 10, startedAt: .now())
        let listener = try await CallbackListener.start(
            configuration: ListenerConfiguration(port: 0, threads: 1), store: store)
        let url = try CallbackURL(parsing: listener.callbackURL)
        await listener.shutdown()
        let simulation = Simulation(
            url: url, profile: TrafficProfile(), callbacksPerSecond: nil, limit: .count(10), connections: 1)
        await #expect {
            _ = try await simulation.run()
        } throws: { error in
            "\(error)".hasPrefix("cannot reach http://127.0.0.1:\(url.port)/callback")
        }
    }

    @Test func aRateLimitPacesTheTraffic() async throws {
        let store = EventStore(capacity: 1000, startedAt: .now())
        let listener = try await CallbackListener.start(
            configuration: ListenerConfiguration(port: 0, threads: 1), store: store)
        let simulation = Simulation(
            url: try CallbackURL(parsing: listener.callbackURL), profile: TrafficProfile(), callbacksPerSecond: 200,
            limit: .count(30), connections: 2)
        let report = try await simulation.run()
        await listener.shutdown()
        // Slot 29 may not start before 29 × 5 ms: pacing can only make a run longer, never shorter,
        // so this lower bound holds however slow the machine is.
        #expect(report.elapsedSeconds >= 0.145)
        #expect(report.sent == 30)
        #expect(store.acceptedCount == 30)
    }
}
