import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import WatopCore
import WatopServer
import WatopTransport

/// `watop-benchmarks forward-client URL SECONDS`: watop's forwarding client alone (the same
/// `ForwardPlan` and `AppForwarder` as `--forward-to`, on one event loop), keeping 32 requests in
/// flight to `URL` for `SECONDS`. It prints requests/s and this process's CPU time per request,
/// to set beside wrk's own against the same app: what the HTTP client costs, apart from watop.
enum ForwardClient {
    static let inFlight = 32

    static func run(url: String, seconds: Double) throws {
        let target = try ForwardTarget(url)
        let plan = ForwardPlan(target: target, access: .open, servesHTTPS: false)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let forwarder = AppForwarder(on: group, timeout: .seconds(10), verifiesCertificates: true)
        let requests = (0..<1000).map { plan.request(resending: Requests.get($0), client: "127.0.0.1") }
        let counts = NIOLockedValueBox((sent: 0, answered: 0, failed: 0))
        let done = loop.makePromise(of: Void.self)
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        let cpuBefore = Self.cpuSeconds()
        let started = ContinuousClock.now

        @Sendable func sendNext() {
            guard NIODeadline.now() < deadline else {
                let last = counts.withLockedValue { counts -> Bool in
                    counts.sent -= 1
                    return counts.sent == 0
                }
                if last { done.succeed() }
                return
            }
            let index = counts.withLockedValue { counts -> Int in
                defer { counts.answered += 1 }
                return counts.answered
            }
            forwarder.forward(requests[index % requests.count], on: loop).whenComplete { result in
                if case .failure = result { counts.withLockedValue { $0.failed += 1 } }
                sendNext()
            }
        }
        loop.execute {
            counts.withLockedValue { $0.sent = inFlight }
            for _ in 0..<inFlight { sendNext() }
        }
        try done.futureResult.wait()
        let elapsed = started.duration(to: .now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = Self.cpuSeconds() - cpuBefore
        let (answered, failed) = counts.withLockedValue { ($0.answered, $0.failed) }
        print(
            String(
                format: "forward client: %d requests in %.1f s: %.0f/s, CPU %.1f µs per request, %d failed",
                answered, wall, Double(answered) / wall, cpu / Double(max(1, answered)) * 1e6, failed))
        let shutdown = loop.makePromise(of: Void.self)
        shutdown.completeWithTask { await forwarder.shutdown() }
        try shutdown.futureResult.wait()
        try group.syncShutdownGracefully()
    }

    /// User and system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
