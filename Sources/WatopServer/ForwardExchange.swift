import NIOCore
import NIOHTTP1
import WatopCore

/// One attempt at handing a request to the app in sync forwarding: sends it, records the
/// outcome, and makes the provider's answer from the app's.
struct ForwardExchange: Sendable {
    let store: EventStore
    let forwarder: any Forwarder
    let target: ForwardTarget
    let request: ForwardRequest
    let keepAlive: Bool
    let http10: Bool
    let headOnly: Bool

    /// Sends the request; `answer` gets the provider's answer as bytes, on `eventLoop`.
    func send(recordedAs id: UInt64, on eventLoop: any EventLoop, answer: @escaping @Sendable (ByteBuffer) -> Void) {
        forwarder.attempt(request, on: eventLoop).whenSuccess { attempt, result in
            store.completeForward(id, with: attempt)
            switch result {
            case .success(let response):
                answer(RelayedAnswer.bytes(of: response, keepAlive: keepAlive, http10: http10, headOnly: headOnly))
            case .failure(let failure):
                let refusal = Answer.refusal(failure.answerStatus, "the app at \(target) gave no answer: \(failure)")
                answer(refusal.bytes(keepAlive: keepAlive, http10: http10, headOnly: headOnly))
            }
        }
    }
}
