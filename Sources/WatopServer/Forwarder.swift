import NIOCore
import NIOHTTP1
import WatopCore

/// Sends a request on to the app and brings back its answer. The listener decides what to
/// send and what to answer; a forwarder only carries it (the CLI's uses a pooled HTTP client).
public protocol Forwarder: Sendable {
    /// The app's answer, or a `ForwardFailure` when none came; completed on `eventLoop`.
    func forward(_ request: ForwardRequest, on eventLoop: any EventLoop) -> EventLoopFuture<ForwardResponse>
    /// Closes the connections to the app.
    func shutdown() async
}

extension Forwarder {
    /// Sends `request` and times it: the attempt as the forward records keep it, with what the
    /// app answered (or why it did not), on `eventLoop`.
    func attempt(_ request: ForwardRequest, on eventLoop: any EventLoop)
        -> EventLoopFuture<(ForwardAttempt, Result<ForwardResponse, ForwardFailure>)>
    {
        let startedAt = UnixTime.now()
        let began = NIODeadline.now()
        return forward(request, on: eventLoop).hop(to: eventLoop).map { Result.success($0) }.recover { error in
            .failure(error as? ForwardFailure ?? ForwardFailure(.badAnswer, "\(error)"))
        }.map { result in
            let micros = (NIODeadline.now() - began).nanoseconds / 1000
            return (ForwardAttempt(result, startedAt: startedAt, latencyMicroseconds: micros), result)
        }
    }
}

/// A callback as it goes to the app: the method, body and headers it came with, less
/// hop-by-hop headers and watop's own credentials, plus `X-Forwarded-*`.
public struct ForwardRequest: Sendable {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer?
}

/// The app's answer.
public struct ForwardResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    public init(status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer?) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why the app gave no answer.
public struct ForwardFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// No connection could be made (refused, no route, TLS handshake failed).
        case unreachable
        /// No answer within `--forward-timeout`.
        case timedOut
        /// The connection broke or the answer was not HTTP.
        case badAnswer
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// What the provider is told: 504 when the app was too slow, 502 otherwise, so it retries.
    var answerStatus: HTTPResponseStatus { kind == .timedOut ? .gatewayTimeout : .badGateway }
}
