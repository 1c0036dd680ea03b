import Foundation
import WatopCore
import WatopServer

/// `watop-benchmarks journal-fill PATH COUNT`: writes COUNT realistic callbacks (GET and POST
/// in turn) through watop's own journal, segments and checkpoint included, at disk speed, for
/// `scripts/bench.sh resume` to time a start on: filling a journal through HTTP would take
/// hours at 10,000,000 callbacks.
enum JournalFill {
    static func run(path: String, count: Int) throws {
        var settings = Journal.Settings(durability: .never)
        settings.retentionSeconds = nil
        let (journal, _) = try Journal.open(path: path, settings: settings)
        let start = UnixTime(seconds: 1_710_000_000)
        // The journal queues what it is given; waiting on every 10,000th line keeps that bounded.
        let written = DispatchSemaphore(value: 0)
        for index in 0..<count {
            let request = index % 2 == 0 ? Requests.get(index) : Requests.post(index)
            let receivedAt = UnixTime(milliseconds: start.milliseconds + Int64(index))
            let batch = try CallbackParser.parse(request, receivedAt: receivedAt)
            let last = index % 10_000 == 9_999
            journal.append(JournalRecord.line(for: batch), counting: batch, completion: { _ in if last { written.signal() } })
            if last { written.wait() }
        }
        journal.close()
    }
}
