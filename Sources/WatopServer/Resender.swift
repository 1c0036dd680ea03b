import NIOCore
import WatopCore

/// Sends a kept request to the app again on the user's say (`R` in the detail view); the
/// attempt joins the event's forward record, and a line says how it went.
public final class Resender: Sendable {
    private let plan: ForwardPlan
    private let forwarder: any Forwarder
    private let loop: any EventLoop
    private let store: EventStore

    public init(plan: ForwardPlan, forwarder: any Forwarder, loop: any EventLoop, store: EventStore) {
        self.plan = plan
        self.forwarder = forwarder
        self.loop = loop
        self.store = store
    }

    public func resend(_ request: RawRequest, of sequence: UInt64, report: @escaping @Sendable (String) -> Void) {
        let id = store.beginResend(of: sequence, method: request.method, target: request.target)
        let store = self.store
        forwarder.attempt(plan.request(resending: request, client: nil), on: loop).whenSuccess { attempt, _ in
            store.completeForward(id, with: attempt)
            let outcome = attempt.status.map { "HTTP \($0)" } ?? attempt.failure ?? "no answer"
            report("resent event #\(sequence) to the app: \(outcome) in \(attempt.latencyMicroseconds / 1000) ms")
        }
    }

    public func shutdown() async { await forwarder.shutdown() }
}
