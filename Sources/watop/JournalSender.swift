import NIOCore
import NIOPosix
import WatopCore
import WatopServer
import WatopTransport

/// `watop replay FILE --to URL`: sends a journal's requests (or those a filter keeps) to a URL
/// in order, as they came, to refill an app after its own outage. One at a time, so the app
/// sees them in the journal's order, at most `rate` a second.
struct JournalSender {
    let path: String
    let target: ForwardTarget
    let filter: EventFilter
    let rate: Double?
    let timeout: TimeAmount
    let verifiesCertificates: Bool

    struct Tally {
        var sent = 0
        var succeeded = 0
        var failed = 0
        var skipped = 0
    }

    func run(progress: (Tally, Int64, Int64) -> Void) async throws -> Tally {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let forwarder = AppForwarder(on: group, timeout: timeout, verifiesCertificates: verifiesCertificates)
        let plan = ForwardPlan(target: target, access: .open, servesHTTPS: false)
        let loop = group.next()
        var tally = Tally()
        let outcome: Result<Void, any Error>
        do {
            var lines = try JournalLines(path: path)
            let start = ContinuousClock.now
            while let (line, position) = try lines.next() {
                try Task.checkCancellation()
                guard let entry = try? JournalRecord.entry(fromLine: line), keeps(entry) else {
                    tally.skipped += 1
                    continue
                }
                if let rate {
                    try await Task.sleep(until: start.advanced(by: .seconds(Double(tally.sent) / rate)))
                }
                tally.sent += 1
                do {
                    let response = try await forwarder.forward(plan.request(replaying: entry), on: loop).get()
                    if (200..<300).contains(response.status.code) { tally.succeeded += 1 } else { tally.failed += 1 }
                } catch {
                    tally.failed += 1
                }
                progress(tally, position, lines.size)
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await forwarder.shutdown()
        try? await group.shutdownGracefully()
        try outcome.get()
        return tally
    }

    /// Whether the filter keeps the request: any of its events matches; with no filter, every
    /// request, also those watop could not read.
    private func keeps(_ entry: JournalRecord.Entry) -> Bool {
        guard !filter.isEmpty else { return true }
        guard let batch = try? CallbackParser.parse(entry.request, receivedAt: entry.receivedAt) else { return false }
        return batch.events.contains { filter.matches($0) }
    }
}
