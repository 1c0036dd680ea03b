import NIOCore
import Testing

@testable import WatopServer

@Suite struct DeliveryScheduleTests {
    private typealias Schedule = DeliverySchedule<String>

    private func schedule(_ messages: [String?], inFlight: Int = 8) -> Schedule {
        var schedule = Schedule(maximumInFlight: inFlight)
        for (offset, message) in messages.enumerated() {
            schedule.add(.init(offset: Int64(offset * 100), messageID: message, item: "\(offset)"))
        }
        return schedule
    }

    @Test func aMessagesRequestsGoOneAtATimeInOrderWhileOthersGoAlongside() {
        var schedule = schedule(["a", "a", "b", nil, "a"])
        let now = NIODeadline.now()
        var sent: [String] = []
        while let next = schedule.next(now: now) { sent.append(next.item) }
        // a's second and third wait for its first; b and the one without a message go now.
        #expect(sent == ["0", "2", "3"])
        schedule.finished(.init(offset: 0, messageID: "a", item: "0"))
        #expect(schedule.next(now: now)?.item == "1")
        #expect(schedule.next(now: now) == nil)
    }

    @Test func aFailedRequestKeepsItsPlaceAndTheAppIsLeftAloneLongerAfterEachFailure() throws {
        var schedule = schedule(["a", "a", "b"])
        let now = NIODeadline.uptimeNanoseconds(1_000_000_000)
        let taken = (schedule.next(now: now), schedule.next(now: now))
        let first = try #require(taken.0)
        let other = try #require(taken.1)
        #expect(other.item == "2")
        schedule.failed(first, now: now, jitter: 1)
        // Paused for the first backoff: nothing goes, not even another message's request.
        #expect(schedule.pausedUntil == now + Schedule.firstBackoff)
        #expect(schedule.next(now: now + .milliseconds(100)) == nil)
        schedule.finished(other)
        // A success clears the pause; the failed request is first again, before a's second.
        #expect(schedule.pausedUntil == nil)
        let again = schedule.next(now: now)
        let retried = try #require(again)
        #expect(retried.item == "0" && retried.attempts == 1)
        schedule.failed(retried, now: now, jitter: 1)
        let third = schedule.next(now: now + .seconds(1))
        schedule.failed(try #require(third), now: now, jitter: 1)
        // Two failures in a row since the last success: twice the first backoff.
        #expect(schedule.pausedUntil == now + .milliseconds(500))
        // While the app fails, one probe at a time.
        let probe = schedule.next(now: now + .seconds(2))
        #expect(probe?.item == "0" && probe?.attempts == 3)
        #expect(schedule.next(now: now + .seconds(2)) == nil)
    }

    @Test func theBackoffStopsGrowingAndItsJitterOnlyShortensIt() {
        var schedule = schedule(["a"])
        let now = NIODeadline.uptimeNanoseconds(0)
        for _ in 0..<30 {
            guard let next = schedule.next(now: .distantFuture) else { break }
            schedule.failed(next, now: now, jitter: 0)
        }
        #expect(schedule.pausedUntil == now + .nanoseconds(Schedule.longestBackoff.nanoseconds / 2))
    }
}
