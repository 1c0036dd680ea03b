import Testing
@testable import WatopCore

@Suite struct UnixTimeTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"), (1_710_000_042_000, "2024-03-09T16:00:42.000Z"),
        (951_782_400_123, "2000-02-29T00:00:00.123Z"), (-1000, "1969-12-31T23:59:59.000Z"),
    ])
    func formatsISO8601InUTC(milliseconds: Int64, text: String) {
        #expect(UnixTime(milliseconds: milliseconds).iso8601 == text)
    }

    @Test func timesWrittenInARowThroughOneCacheReadAsEachAlone() {
        let times: [Int64] = [1_710_000_042_123, 1_710_000_042_999, 1_710_000_043_000, 1_710_000_042_001, -1, -1000, -999, 0]
        var cache = ISO8601SecondCache()
        var bytes: [UInt8] = []
        for time in times {
            bytes.append(upTo: ISO8601SecondCache.writtenBytes + 1) { out in
                cache.write(UnixTime(milliseconds: time), to: &out)
                out.write(UInt8(ascii: " "))
            }
        }
        #expect(String(decoding: bytes, as: UTF8.self) == times.map { UnixTime(milliseconds: $0).iso8601 + " " }.joined())
        #expect(UnixTime(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    }

    @Test func clockTimeIsHoursMinutesSeconds() {
        #expect(UnixTime(seconds: 1_710_000_042).clockTime == "16:00:42")
    }
}
