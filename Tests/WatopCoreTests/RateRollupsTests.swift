import Testing

@testable import WatopCore

@Suite struct RateRollupsTests {
    static let start: Int64 = 1_710_000_000

    @Test func eachWindowCountsItsBucketsByStatusClass() {
        var rollups = RateRollups()
        rollups.record(Samples.event(status: .delivered, at: Self.start))
        rollups.record(Samples.event(status: .read, at: Self.start))
        rollups.record(Samples.event(status: .failed, at: Self.start + 5))
        rollups.record(Samples.event(status: .undelivered, at: Self.start + 5))
        rollups.record(Samples.event(status: .sent, at: Self.start + 61))
        let now = UnixTime(seconds: Self.start + 61)

        let seconds = rollups[.fiveMinutes].buckets(endingAt: now)
        #expect(seconds.count == 300)
        #expect(seconds.last?.start == now)
        #expect(seconds.last?[.pending] == 1)
        let atStart = seconds[seconds.count - 62]
        #expect(atStart.start == UnixTime(seconds: Self.start))
        #expect([atStart[.delivered], atStart[.read], atStart[.failed], atStart[.pending]] == [1, 1, 0, 0])
        #expect(seconds[seconds.count - 57][.failed] == 2)
        #expect(seconds.reduce(0) { $0 + $1.total } == 5)

        let tens = rollups[.hour].buckets(endingAt: now)
        #expect(tens.count == 360)
        #expect(tens.last?.start == UnixTime(seconds: Self.start + 60))
        #expect(tens[tens.count - 7].total == 4)

        let minutes = rollups[.day].buckets(endingAt: now)
        #expect(minutes.count == 1440)
        // 1_710_000_000 begins a minute: the first four land in its bucket, the fifth in the next.
        #expect(minutes[minutes.count - 2].start == UnixTime(seconds: Self.start))
        #expect(minutes[minutes.count - 2][.failed] == 2)
        #expect(minutes.last?.total == 1)
    }

    @Test func bucketsLeaveTheWindowAsTimeMovesOn() {
        var rollups = RateRollups()
        rollups.record(Samples.event(status: .delivered, at: Self.start))
        let later = UnixTime(seconds: Self.start + 300)
        #expect(rollups[.fiveMinutes].buckets(endingAt: later).reduce(0) { $0 + $1.total } == 0)
        #expect(rollups[.hour].buckets(endingAt: later).reduce(0) { $0 + $1.total } == 1)
        let nextDay = UnixTime(seconds: Self.start + 86_400 + 60)
        #expect(rollups[.day].buckets(endingAt: nextDay).reduce(0) { $0 + $1.total } == 0)
    }

    @Test func aBucketReusedAfterAWholeWindowStartsFromZero() {
        var rollups = RateRollups()
        rollups.record(Samples.event(status: .failed, at: Self.start))
        rollups.record(Samples.event(status: .read, at: Self.start + 300))
        let buckets = rollups[.fiveMinutes].buckets(endingAt: UnixTime(seconds: Self.start + 300))
        #expect(buckets.last?[.read] == 1)
        #expect(buckets.last?[.failed] == 0)
    }

    @Test func aCallbackOlderThanTheBucketInItsSlotIsNotCounted() {
        var rollups = RateRollups()
        rollups.record(Samples.event(status: .read, at: Self.start + 300))
        rollups.record(Samples.event(status: .failed, at: Self.start))
        let buckets = rollups[.fiveMinutes].buckets(endingAt: UnixTime(seconds: Self.start + 300))
        #expect(buckets.last?[.read] == 1)
        #expect(buckets.last?[.failed] == 0)
        #expect(rollups[.hour].buckets(endingAt: UnixTime(seconds: Self.start + 300)).reduce(0) { $0 + $1[.failed] } == 1)
    }

    @Test func aLateCallbackAmongOthersOfOneSecondLeavesTheirCountsAlone() {
        var rollups = RateRollups()
        let late = Self.start + 300
        for status in [DeliveryStatus.read, .read, .failed] { rollups.record(Samples.event(status: status, at: late)) }
        rollups.record(Samples.event(status: .delivered, at: Self.start))
        rollups.record(Samples.event(status: .delivered, at: late - 1))
        rollups.record(Samples.event(status: .read, at: late))
        let buckets = rollups[.fiveMinutes].buckets(endingAt: UnixTime(seconds: late))
        #expect([buckets.last?[.read], buckets.last?[.failed], buckets.last?[.delivered]] == [3, 1, 0])
        #expect(buckets[buckets.count - 2][.delivered] == 1)
        #expect(buckets.reduce(0) { $0 + $1.total } == 5)
    }

    @Test func timesBeforeTheEpochFallInTheirOwnBuckets() {
        var rollups = RateRollups()
        rollups.record(Samples.event(status: .read, at: -1))
        let buckets = rollups[.hour].buckets(endingAt: UnixTime(seconds: 0))
        #expect(buckets[buckets.count - 2].start == UnixTime(seconds: -10))
        #expect(buckets[buckets.count - 2][.read] == 1)
        #expect(buckets.last?.total == 0)
    }

    @Test func mergedBucketsBeginAtMultiplesOfTheirWidthAndSumTheirParts() {
        var rollups = RateRollups()
        for offset in [0, 4, 5, 9, 10, 14] { rollups.record(Samples.event(status: .delivered, at: Self.start + Int64(offset))) }
        rollups.record(Samples.event(status: .failed, at: Self.start + 12))
        let now = UnixTime(seconds: Self.start + 12)
        let merged = rollups[.fiveMinutes].buckets(endingAt: now, merging: 5)
        #expect(merged.count == 60)
        #expect(merged.allSatisfy { $0.start.seconds % 5 == 0 })
        #expect(merged.suffix(3).map(\.total) == [2, 2, 3])
        #expect(merged.last?.start == UnixTime(seconds: Self.start + 10))
        #expect(merged.last?[.failed] == 1)
        #expect(merged.reduce(0) { $0 + $1.total } == 7)
        // A width that does not divide the window gives the whole merged buckets that fit.
        #expect(rollups[.fiveMinutes].buckets(endingAt: now, merging: 7).count == 42)
        #expect(rollups[.fiveMinutes].buckets(endingAt: now, merging: 0).count == 300)
    }

    @Test func removingTakesBackOnlyWhatABucketStillHolds() {
        var rollups = RateRollups()
        let early = Samples.event(status: .failed, at: Self.start)
        let late = Samples.event(status: .read, at: Self.start + 300)
        rollups.record(early)
        rollups.record(late)
        rollups.record(late)
        // The 5-minute window reused the early bucket's slot: nothing of it is left to take back.
        rollups.remove(early)
        rollups.remove(late)
        let now = UnixTime(seconds: Self.start + 300)
        #expect(rollups[.fiveMinutes].buckets(endingAt: now).reduce(0) { $0 + $1.total } == 1)
        #expect(rollups[.hour].buckets(endingAt: now).reduce(0) { $0 + $1.total } == 1)
        rollups.remove(late)
        rollups.remove(late)
        #expect(rollups[.day].buckets(endingAt: now).reduce(0) { $0 + $1.total } == 0)
    }

    @Test func everyStatusClassHasACountInABucket() {
        var bucket = RollupBucket(start: UnixTime(seconds: Self.start))
        for statusClass in StatusClass.allCases { bucket.add(statusClass, count: statusClass.rawValue + 1) }
        #expect(StatusClass.allCases.map { bucket[$0] } == StatusClass.allCases.map { $0.rawValue + 1 })
    }

    @Test func theFailureShareIsNilForAnEmptyBucket() {
        var bucket = RollupBucket(start: UnixTime(seconds: Self.start))
        #expect(bucket.failureShare == nil)
        bucket.add(.failed)
        bucket.add(.delivered, count: 3)
        #expect(bucket.failureShare == 0.25)
    }

    @Test func theMemoryIsFixedAndStated() {
        var rollups = RateRollups()
        // 2,100 buckets of 4 four-byte counts and an eight-byte bucket number.
        #expect(rollups.byteCount == 50_400)
        for second in 0..<10_000 { rollups.record(Samples.event(status: .read, at: Self.start + Int64(second))) }
        #expect(rollups.byteCount == 50_400)
    }

    @Test func theStoreKeepsADayOfHistoryAfterTheRingWraps() {
        let store = EventStore(capacity: 10, startedAt: UnixTime(seconds: Self.start))
        for index in 0..<1_000 {
            store.record(Samples.event(id: "m\(index):0", status: index % 4 == 0 ? .failed : .delivered, at: Self.start + Int64(index * 60)))
        }
        let snapshot = store.snapshot()
        #expect(snapshot.events.count == 10)
        let minutes = snapshot.rollups[.day].buckets(endingAt: UnixTime(seconds: Self.start + 999 * 60))
        #expect(minutes.reduce(0) { $0 + $1.total } == 1_000)
        #expect(minutes.reduce(0) { $0 + $1[.failed] } == 250)
    }

    @Test func aSnapshotKeepsItsRollupsWhileTheStoreRecordsMore() {
        let store = EventStore(capacity: 10, startedAt: UnixTime(seconds: Self.start))
        store.record(Samples.event(status: .read, at: Self.start))
        let snapshot = store.snapshot()
        store.record(Samples.event(status: .read, at: Self.start))
        let now = UnixTime(seconds: Self.start)
        #expect(snapshot.rollups[.fiveMinutes].buckets(endingAt: now).last?[.read] == 1)
        #expect(store.snapshot().rollups[.fiveMinutes].buckets(endingAt: now).last?[.read] == 2)
    }
}
