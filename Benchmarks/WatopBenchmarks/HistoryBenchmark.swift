import Foundation
import WatopCore
import WatopHistory

/// `watop-benchmarks history PATH [COUNT]`: fills a new history database at PATH with COUNT
/// events (10,000,000 unless given) through its own insert path, then times the questions
/// `watop history` asks most: a message's lifecycle by id, a status over a time range
/// returning 1,000 events, and free text over a day and over everything, for a common word
/// and for one no event holds; and the dashboard's History view: a page of 100 from the
/// newest event or from a random moment, with and without a filter.
///
/// The events are messages of three callbacks (sent, delivered, read; every twentieth sent,
/// failed), spread evenly over the 30 days before now, each in a GET request as Kaleyra sends.
enum HistoryBenchmark {
    static let span: Int64 = 30 * 86_400_000

    static func run(path: String, count: Int) throws {
        try? FileManager.default.removeItem(atPath: path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let now = UnixTime.now()
        let first = now.milliseconds - span
        let sustained = min(count / 10, 1_000_000)
        var database: HistoryDatabase? = try HistoryDatabase.open(path: path)
        let receiver = try database!.receiver(named: "bench").id

        // The bulk in transactions of 50,000, the last tenth (at most 1,000,000) in the
        // writer's batches of 5,000: the sustained rate into a table already large.
        var written = 0
        func fill(upTo end: Int, batch: Int) throws -> Double {
            let start = ContinuousClock.now
            while written < end {
                let upper = min(end, written + batch)
                let requests = (written..<upper).map { index in
                    request(index, at: UnixTime(milliseconds: first + Int64(index) * span / Int64(count)))
                }
                try database!.write(requests, receiver: receiver, upTo: Int64(upper), bodyBytesKept: 4096, now: now)
                written = upper
            }
            return seconds(since: start)
        }
        let bulkSeconds = try fill(upTo: count - sustained, batch: 50_000)
        print(String(format: "fill                     %d events in %.1f s: %.0f events/s (transactions of 50,000)",
            count - sustained, bulkSeconds, Double(count - sustained) / bulkSeconds))
        let sustainedSeconds = try fill(upTo: count, batch: 5_000)
        print(String(format: "sustained insert         %d events in %.1f s: %.0f events/s (transactions of 5,000, after %d)",
            sustained, sustainedSeconds, Double(sustained) / sustainedSeconds, count - sustained))

        let messages = count / 3
        var generator = SystemRandomNumberGenerator()
        let byID = Measure.median(runs: 101) {
            let stored = try? database!.lifecycle(ofMessage: id(ofMessage: Int.random(in: 0..<messages, using: &generator)))
            consume(stored?.map { try? database!.request(of: $0) })
        }
        print(String(format: "--id                     %.2f ms: a message's lifecycle and its requests, among %d events",
            byID * 1000, count))

        func time(_ text: String, runs: Int) throws -> (seconds: Double, found: Int) {
            let filter = try SQLFilter(EventFilter(parsing: text, now: now), dialect: .sqlite)
            var found = 0
            let seconds = Measure.median(runs: runs) { found = (try? database!.events(matching: filter, newestFirst: true, limit: 1000))?.count ?? 0 }
            return (seconds, found)
        }
        for (text, runs) in [
            ("status:failed since:24h", 21), ("campaign-77 since:24h", 5), ("campaign-77", 3),
            // A word no event holds: free text then reads every row in range.
            ("nowhere since:24h", 5), ("nowhere", 3),
        ] {
            let (seconds, found) = try time(text, runs: runs)
            let label = text.padding(toLength: 24, withPad: " ", startingAt: 0)
            print(label + String(format: " %.1f ms for %d events (newest first, at most 1,000)", seconds * 1000, found))
        }

        // The dashboard's History view: a page of 100 newest first, from the newest event and
        // from a random moment (a page further back), with no filter and with one.
        for text in ["", "status:failed"] {
            let filter = try EventFilter(parsing: text, now: now)
            for from in ["the newest", "a random moment"] {
                var found = 0
                let seconds = Measure.median(runs: 101) {
                    let cursor =
                        from == "the newest" ? nil : HistoryCursor.receivedAtOrBefore(UnixTime(milliseconds: first + Int64.random(in: 0..<span)))
                    found = (try? database!.page(of: filter, olderThan: cursor, limit: 100))?.count ?? 0
                }
                let label = "page " + (text.isEmpty ? "(no filter)" : text)
                print(label.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: " %.2f ms for %d events from ", seconds * 1000, found) + from + " (the History view's page of 100)")
            }
        }

        database = nil  // closing checkpoints the write-ahead log into the file
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "size                     %.0f MB for %d events: %.0f MB per million events",
            Double(bytes) / 1e6, count, Double(bytes) / 1e6 / (Double(count) / 1e6)))
    }

    private static func id(ofMessage message: Int) -> String {
        "wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgS\(String(message, radix: 16, uppercase: true))"
    }

    /// Event `index`: the `index % 3`th callback of message `index / 3`.
    private static func request(_ index: Int, at time: UnixTime) -> JournaledRequest {
        let message = index / 3
        let failed = message % 20 == 0
        let status: DeliveryStatus = [.sent, failed ? .failed : .delivered, failed ? .failed : .read][index % 3]
        let event = CallbackEvent(
            receivedAt: time, transport: .query, id: id(ofMessage: message), status: status,
            mobile: "91987\(String(message % 10_000_000).leftPadded(to: 7))", whatsappNumber: "91800000000\(message % 3)",
            error: status == .failed ? "Re-engagement message" : nil, errorCode: status == .failed ? "131047" : nil,
            price: status == .delivered ? ReportedPrice(parsing: "0.0085") : nil, ref: "campaign-\(message % 100)")
        return JournaledRequest(
            position: Int64(index), receivedAt: time, format: .kaleyraV1, client: "10.0.0.7", request: Requests.get(index),
            events: CallbackEvents(event))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
