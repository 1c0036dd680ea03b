import Testing

@testable import WatopCore

@Suite struct AlertMonitorTests {
    private let start = UnixTime(seconds: 1_710_000_000)

    private func monitor(_ rules: String...) throws -> AlertMonitor {
        AlertMonitor(rules: try rules.map { try AlertRule(parsing: $0) }, startedAt: start)
    }

    private func send(_ monitor: AlertMonitor, _ status: DeliveryStatus, count: Int, at second: Int64) {
        for index in 0..<count {
            let event = Samples.event(id: "m\(second)-\(index):0", status: status, at: start.seconds + second)
            monitor.accepted(event, completing: LifecycleLatencies())
        }
    }

    private func at(_ second: Int64) -> UnixTime { UnixTime(seconds: start.seconds + second) }

    @Test func aShareRuleFiresOnceAndResolvesOnlyAfterAWholeWindowBelowIt() throws {
        let alerts = try monitor("status:failed share>5% over 1m min 20")
        send(alerts, .delivered, count: 95, at: 0)
        send(alerts, .failed, count: 5, at: 0)
        #expect(alerts.check(at: at(1)).isEmpty)  // 5% is not above 5%
        send(alerts, .failed, count: 10, at: 2)
        let fired = alerts.check(at: at(3))
        #expect(fired.map(\.state) == [.firing])
        #expect(fired.first.map { $0.value > 13.6 && $0.value < 13.7 } == true)  // 15 of 110
        #expect(alerts.check(at: at(4)).isEmpty)  // still firing: said once
        // The failures leave the window after a minute; the rule stays firing one window more.
        send(alerts, .delivered, count: 100, at: 70)
        #expect(alerts.check(at: at(70)).isEmpty)
        #expect(alerts.statuses().first?.firing == true)
        #expect(alerts.check(at: at(129)).isEmpty)
        let resolved = alerts.check(at: at(130))
        #expect(resolved.map(\.state) == [.resolved])
        #expect(alerts.statuses().first?.firing == false && alerts.statuses().first?.changedAt == at(130))
    }

    @Test func aShareNeedsItsMinimumOfCallbacks() throws {
        let alerts = try monitor("status:failed share>5% over 5m")
        send(alerts, .failed, count: 1, at: 0)
        send(alerts, .sent, count: 1, at: 0)
        #expect(alerts.check(at: at(1)).isEmpty)
        #expect(alerts.statuses().first?.value == nil)
    }

    @Test func aRuleWithAHoldFiresOnlyAfterHoldingThatLong() throws {
        let alerts = try monitor("status:failed count>2 over 5m for 2m")
        send(alerts, .failed, count: 3, at: 0)
        #expect(alerts.check(at: at(0)).isEmpty)
        #expect(alerts.check(at: at(119)).isEmpty)
        #expect(alerts.check(at: at(120)).map(\.state) == [.firing])
    }

    @Test func aRateIsPerItsUnitOverTheWindow() throws {
        let alerts = try monitor("code:131049 rate>2/min over 5m")
        for second in stride(from: Int64(0), to: 300, by: 20) {
            alerts.accepted(
                Samples.event(id: "r\(second):0", status: .failed, errorCode: "131049", at: start.seconds + second),
                completing: LifecycleLatencies())
        }
        // 15 in 5 minutes: 3 a minute.
        let fired = alerts.check(at: at(299))
        #expect(fired.map(\.value) == [3] && fired.first?.unit == "/min")
    }

    @Test func silenceFiresWithoutCallbacksAndResolvesWithTheNextOne() throws {
        let alerts = try monitor("silence>3m")
        #expect(alerts.check(at: at(180)).isEmpty)
        #expect(alerts.check(at: at(181)).map(\.state) == [.firing])
        send(alerts, .sent, count: 1, at: 200)
        #expect(alerts.check(at: at(201)).map(\.state) == [.resolved])
    }

    @Test func aRuleLookingForADropWaitsForAWholeWindowSinceStart() throws {
        let alerts = try monitor("rate<1/min over 10m")
        #expect(alerts.check(at: at(5)).isEmpty)
        #expect(alerts.statuses().first?.value == nil)
        #expect(alerts.check(at: at(600)).map(\.state) == [.firing])
    }

    @Test func refusalsCountByReason() throws {
        let alerts = try monitor("rejected:bad-signature count>0 over 1m", "rejected:* count>=2 over 1m")
        alerts.rejected(.unauthorized, at: at(5))
        #expect(alerts.check(at: at(6)).isEmpty)
        alerts.rejected(.badSignature, at: at(7))
        #expect(alerts.check(at: at(8)).map(\.rule) == ["rejected:bad-signature count>0 over 1m", "rejected:* count>=2 over 1m"])
    }

    @Test func theMonitorPassesWhatItObservesOn() throws {
        final class Counting: StoreObserver, @unchecked Sendable {
            var accepted = 0
            var rejected = 0
            func accepted(_ event: CallbackEvent, completing latencies: LifecycleLatencies) { accepted += 1 }
            func rejected(_ reason: RejectionReason) { rejected += 1 }
            func tolerated(_ quirk: ParsingQuirk) {}
            func forwarded(_ attempt: ForwardAttempt) {}
        }
        let next = Counting()
        let alerts = AlertMonitor(rules: [], startedAt: start, passingOnTo: next)
        alerts.accepted(Samples.event(), completing: LifecycleLatencies())
        alerts.rejected(.unauthorized)
        #expect(next.accepted == 1 && next.rejected == 1)
    }

    @Test func theHeadlessLineSaysWhatItIs() throws {
        let line = AlertTransition(rule: "silence>3m", state: .firing, value: 181, unit: "s", at: at(181)).jsonLine
        let parsed = try JSONParser.parse(Array(line.utf8))
        #expect(parsed["type"] == .string("alert") && parsed["state"] == .string("firing"))
        #expect(parsed["rule"] == .string("silence>3m") && parsed["value"] == .number("181"))
        #expect(AlertStatus.decimal(13.636) == "13.6" && AlertStatus.decimal(-0.24) == "-0.2")
    }
}
