import Testing

@testable import WatopCore

@Suite struct AlertRuleTests {
    @Test func aShareRuleKeepsItsFilterThresholdWindowMinimumAndHold() throws {
        let rule = try AlertRule(parsing: "  status:failed|undelivered share>5% over 5m min 20 for 2m ")
        #expect(rule.text == "status:failed|undelivered share>5% over 5m min 20 for 2m")
        guard case .events(let filter) = rule.subject else { Issue.record("an event rule"); return }
        #expect(filter.text == "status:failed|undelivered")
        #expect(rule.measure == .share && rule.comparison == .above && rule.threshold == 5)
        #expect(rule.windowSeconds == 300 && rule.minimumCount == 20 && rule.holdSeconds == 120)
        #expect(rule.unit == "%")
    }

    @Test func eachMeasureOfTheDocumentedExamplesIsRead() throws {
        let rate = try AlertRule(parsing: "code:131049 rate>2/min over 5m")
        #expect(rate.measure == .rate(unit: .minute) && rate.threshold == 2 && rate.minimumCount == 0)
        let silence = try AlertRule(parsing: "silence>3m")
        #expect(silence.measure == .silence && silence.threshold == 180 && silence.windowSeconds == 180)
        let refusals = try AlertRule(parsing: "rejected:bad-signature count>0 over 1m")
        guard case .rejections(let reasons) = refusals.subject else { Issue.record("a refusal rule"); return }
        #expect(reasons == [.badSignature] && refusals.measure == .count)
        let any = try AlertRule(parsing: "rejected:* rate>=10/s over 10s")
        guard case .rejections(nil) = any.subject else { Issue.record("any refusal"); return }
        let everything = try AlertRule(parsing: "rate<1/min over 10m")
        guard case .events(let filter) = everything.subject else { Issue.record("every event"); return }
        #expect(filter.isEmpty && everything.comparison == .below)
        // A word of the filter that only looks like a measure stays in the filter.
        let word = try AlertRule(parsing: "share count>3 over 1m")
        guard case .events(let free) = word.subject else { Issue.record("a free word"); return }
        #expect(free.text == "share")
    }

    @Test(arguments: [
        ("status:failed", 14, "expected a measure"),
        ("status:failed share>5%", 23, "expected over DURATION"),
        ("status:failed share>five over 5m", 21, "expected a percentage"),
        ("share>5% over 5x", 15, "expected a window"),
        ("share>5% over 2d", 15, "expected a window"),
        ("share=5% over 5m", 6, "expected >, >=, < or <="),
        ("rate>2/day over 5m", 6, "expected a rate"),
        ("count>0 over 1m min -1", 21, "expected a whole number"),
        ("count>0 over 1m until 5m", 17, "expected over, min or for"),
        ("count>0 over 1m for", 17, "expected a value after"),
        ("stat:failed share>5% over 5m", 1, "unknown field"),
        ("rejected:bogus count>0 over 1m", 10, "unknown refusal reason"),
        ("rejected:unauthorized share>5% over 1m", 1, "use count or rate"),
        ("status:failed silence>3m", 1, "no filter before it"),
        ("status:failed since:1h count>0 over 5m", 1, "its window is over DURATION"),
        ("silence<3m", 8, "silence is compared with > or >="),
        ("silence>3m over 5m", 12, "expected for DURATION"),
    ])
    func aBadRuleSaysWhereAndWhatWasExpected(text: String, column: Int, expected: String) {
        #expect {
            _ = try AlertRule(parsing: text)
        } throws: { error in
            guard let error = error as? AlertRuleError else { return false }
            return error.column == column && error.expected.contains(expected) && error.description.contains("at column \(column)")
        }
    }

    @Test func durationsTakeOneUnitAndNothingElse() {
        #expect(DurationText.seconds("90s") == 90 && DurationText.seconds("5m") == 300)
        #expect(DurationText.seconds("12h") == 43_200 && DurationText.seconds("7d") == 604_800)
        #expect([604_800, 7200, 600, 90, 0].map(DurationText.text(seconds:)) == ["7d", "2h", "10m", "90s", "0s"])
        for bad in ["", "m", "5", "+5m", "-5m", "5 m", "5mm", "٥m", "99999999999999999d"] {
            #expect(DurationText.seconds(bad) == nil, "\(bad)")
        }
    }
}
