import Testing
import WatopCore

/// Now, for these tests: 2024-03-09T16:00:50Z.
private let now = UnixTime(seconds: 1_710_000_050)

/// One event received at each of these times, in order.
private let receipts: [(label: String, time: UnixTime)] = [
    ("yesterday 16:30", UnixTime(seconds: 1_709_915_400)),
    ("09:59:59", UnixTime(seconds: 1_709_978_399)),
    ("10:00:00", UnixTime(seconds: 1_709_978_400)),
    ("15:45:50", UnixTime(seconds: 1_709_999_150)),
    ("16:00:50", now),
]

private let events = receipts.enumerated().map { index, receipt in
    CallbackEvent(receivedAt: receipt.time, transport: .query, id: "m\(index):0", status: .delivered)
}

/// The labels of the receipts the filter admits.
private func admitted(by text: String) throws -> [String] {
    let filter = try EventFilter(parsing: text, now: now)
    return events.indices.filter { filter.matches(events[$0]) }.map { receipts[$0].label }
}

@Suite struct TimeFilterTests {
    @Test(
        "time terms admit what watop received in their span, in UTC, after inclusive and before exclusive",
        arguments: [
            ("since:15m", ["15:45:50", "16:00:50"]),
            ("since:899s", ["16:00:50"]),
            ("since:1d", ["yesterday 16:30", "09:59:59", "10:00:00", "15:45:50", "16:00:50"]),
            ("SINCE:361m", ["09:59:59", "10:00:00", "15:45:50", "16:00:50"]),
            ("after:10:00", ["10:00:00", "15:45:50", "16:00:50"]),
            ("before:10:00", ["yesterday 16:30", "09:59:59"]),
            ("after:2024-03-09T10:00 before:16:00", ["10:00:00", "15:45:50"]),
            ("after:2024-03-09T09:59:59Z before:2024-03-09T10:00:00", ["09:59:59"]),
            ("after:2024-03-09", ["09:59:59", "10:00:00", "15:45:50", "16:00:50"]),
            ("before:2024-03-09", ["yesterday 16:30"]),
            ("-since:1h", ["yesterday 16:30", "09:59:59", "10:00:00"]),
            ("before:10:00|after:16:00", ["yesterday 16:30", "09:59:59", "16:00:50"]),
            ("after:9:59:59 before:10:00:01", ["09:59:59", "10:00:00"]),
        ])
    func admits(text: String, expected: [String]) throws {
        #expect(try admitted(by: text) == expected)
    }

    @Test("a time without a date is the last one passed: today's, or yesterday's while today's is still to come")
    func timeOfDayIsTheLastPassed() throws {
        #expect(try admitted(by: "after:16:30") == receipts.map(\.label))
        #expect(try admitted(by: "after:16:00:50") == ["16:00:50"])
        #expect(try admitted(by: "before:16:30") == [])
    }

    @Test("since: and a time of day count from the moment of compiling; a full date does not")
    func countsFromNow() throws {
        #expect(try EventFilter(parsing: "status:read since:15m", now: now).countsFromNow)
        #expect(try EventFilter(parsing: "before:14:05", now: now).countsFromNow)
        #expect(try !EventFilter(parsing: "after:2026-12-01T10:00", now: now).countsFromNow)
        #expect(try EventFilter(parsing: "after:2026-12-01T10:00", now: now).testsTime)
        #expect(try !EventFilter(parsing: "status:read", now: now).testsTime)
        let later = try EventFilter(parsing: "since:15m", now: UnixTime(seconds: 1_710_000_050 + 900))
        #expect(!later.matches(events[3]) && later.matches(events[4]))
    }

    @Test(
        "a bad time or duration is refused with what the term takes",
        arguments: [
            ("since:", "since needs a duration, as in since:15m"),
            ("since:15", "since takes a whole number and a unit (s, m, h or d), as in 90s, 15m, 2h or 1d, not \"15\""),
            ("since:15x", "since takes a whole number and a unit (s, m, h or d), as in 90s, 15m, 2h or 1d, not \"15x\""),
            ("since:1h30m", "since takes a whole number and a unit (s, m, h or d), as in 90s, 15m, 2h or 1d, not \"1h30m\""),
            ("since:m", "since takes a whole number and a unit (s, m, h or d), as in 90s, 15m, 2h or 1d, not \"m\""),
            ("since:99999999999d", "since takes a whole number and a unit (s, m, h or d), as in 90s, 15m, 2h or 1d, not \"99999999999d\""),
            ("after:", "after needs a UTC time, as in after:14:05"),
            ("before:noon", "before takes a UTC time such as 14:05, 14:05:30, 2026-12-01 or 2026-12-01T10:00, not \"noon\""),
            ("after:14", "after takes a UTC time such as 14:05, 14:05:30, 2026-12-01 or 2026-12-01T10:00, not \"14\""),
            ("after:14:5", "after takes a UTC time such as 14:05, 14:05:30, 2026-12-01 or 2026-12-01T10:00, not \"14:5\""),
            ("after:2026-12-01T", "after takes a UTC time such as 14:05, 14:05:30, 2026-12-01 or 2026-12-01T10:00, not \"2026-12-01T\""),
            ("after:26-12-01", "after takes a UTC time such as 14:05, 14:05:30, 2026-12-01 or 2026-12-01T10:00, not \"26-12-01\""),
            ("before:25:00", "there is no time 25:00: hours go to 23, minutes and seconds to 59"),
            ("before:12:60", "there is no time 12:60: hours go to 23, minutes and seconds to 59"),
            ("after:2026-02-29", "there is no day 2026-02-29: after takes a date as year-month-day"),
            ("after:2026-13-01T10:00", "there is no day 2026-13-01: after takes a date as year-month-day"),
            ("since>15m", "since cannot be compared with >: only price and age can; use since:VALUE"),
        ])
    func refusesBadValues(text: String, message: String) {
        #expect(throws: FilterError(message)) { try EventFilter(parsing: text, now: now) }
    }

    @Test func aLeapDayIsADay() throws {
        let filter = try EventFilter(parsing: "after:2024-02-29T23:59:59", now: now)
        #expect(filter.matches(events[0]))
        #expect(throws: Never.self) { try EventFilter(parsing: "before:2000-02-29", now: now) }
    }
}

@Suite struct TimeRangeTextTests {
    @Test(
        "narrowing a filter to a time range keeps its other terms as typed and drops its time terms",
        arguments: [
            ("", "after:2024-03-09T16:00:50 before:2024-03-09T16:01:00"),
            ("status:failed", "status:failed after:2024-03-09T16:00:50 before:2024-03-09T16:01:00"),
            ("\"two  words\"  -status:read since:15m -after:10:00 BEFORE:11:00",
             "\"two  words\" -status:read after:2024-03-09T16:00:50 before:2024-03-09T16:01:00"),
            ("\"since:5m\" status:read|since:1h", "\"since:5m\" after:2024-03-09T16:00:50 before:2024-03-09T16:01:00"),
            ("\"unclosed", "after:2024-03-09T16:00:50 before:2024-03-09T16:01:00"),
        ])
    func narrows(text: String, expected: String) throws {
        let narrowed = EventFilter.text(text, from: now, until: UnixTime(seconds: now.seconds + 10))
        #expect(narrowed == expected)
        #expect(try !EventFilter(parsing: narrowed, now: now).matches(events[3]))
    }

    @Test func theRangeTakesItsStartAndNotItsEnd() throws {
        let filter = try EventFilter(parsing: EventFilter.text("", from: now, until: UnixTime(seconds: now.seconds + 10)), now: now)
        #expect(filter.matches(events[4]))
        let before = try EventFilter(parsing: EventFilter.text("", from: receipts[3].time, until: now), now: now)
        #expect(before.matches(events[3]) && !before.matches(events[4]))
    }
}
