import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import WatopServer

/// Carries forwarded callbacks to the app with async-http-client: a pool of kept-alive
/// connections on the listener's own event loops, TLS with the system's trust store, and no
/// redirects followed (the provider is given the app's 3xx as it came).
public final class AppForwarder: Forwarder {
    private let client: HTTPClient
    private let timeout: TimeAmount
    /// The client's own event loops: a caller on one of them gets the answer there; a caller
    /// elsewhere (Meta's handshake in queue mode, whose delivery has a thread of its own) gets
    /// it handed over.
    private let loops: Set<ObjectIdentifier>

    /// The largest answer from the app passed back to the provider; a larger one is a failure
    /// (502), since a callback's answer is a few bytes and no provider reads more.
    public static let maximumAnswerBytes = 1 << 20

    /// - Parameters:
    ///   - timeout: how long the app may take to answer (`--forward-timeout`).
    ///   - verifiesCertificates: false only for a self-signed app in development (`--forward-insecure`).
    public init(on group: any EventLoopGroup, timeout: TimeAmount, verifiesCertificates: Bool) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !verifiesCertificates { tls.certificateVerification = .none }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: timeout), decompression: .disabled)
        // As many connections as callbacks in flight, kept between callbacks: the provider
        // sends in bursts, and a new connection (and handshake) per callback is what a proxy avoids.
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: group, configuration: configuration)
        loops = Set(group.makeIterator().map(ObjectIdentifier.init))
        self.timeout = timeout
    }

    public func forward(_ request: ForwardRequest, on eventLoop: any EventLoop) -> EventLoopFuture<ForwardResponse> {
        let outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(
                url: request.url, method: request.method, headers: request.headers, body: request.body.map { .byteBuffer($0) })
        } catch {
            return eventLoop.makeFailedFuture(ForwardFailure(.unreachable, "cannot make a request for \(request.url): \(error)"))
        }
        let accumulator = ResponseAccumulator(request: outgoing, maxBodySize: Self.maximumAnswerBytes)
        let timeout = timeout
        // The answer on the caller's loop, the connection from the pool wherever it is: asking
        // for the connection on that loop too (`.delegateAndChannel`) made the pool open an
        // overflow connection per request and close it after, a TCP handshake each time.
        let preference: HTTPClient.EventLoopPreference =
            loops.contains(ObjectIdentifier(eventLoop)) ? .delegate(on: eventLoop) : .indifferent
        return client.execute(
            request: outgoing, delegate: accumulator, eventLoop: preference, deadline: .now() + timeout
        ).futureResult.hop(to: eventLoop).map { response in
            ForwardResponse(status: response.status, headers: response.headers, body: response.body)
        }.flatMapErrorThrowing { error in
            throw Self.failure(error, timeout: timeout)
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// An HTTP client's error in the words the provider and the screen are given.
    static func failure(_ error: any Error, timeout: TimeAmount) -> ForwardFailure {
        let seconds = Double(timeout.nanoseconds) / 1e9
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout:
                return ForwardFailure(.timedOut, "no answer within \(seconds.formatted()) s (--forward-timeout)")
            case .connectTimeout:
                return ForwardFailure(.unreachable, "could not connect within 5 s")
            case .remoteConnectionClosed:
                return ForwardFailure(.badAnswer, "the app closed the connection before answering in full")
            default:
                break
            }
        }
        if error is ResponseAccumulator.ResponseTooBigError {
            return ForwardFailure(.badAnswer, "the app's answer is larger than \(maximumAnswerBytes) bytes")
        }
        if error is NIOConnectionError || error is IOError || error is ChannelError {
            return ForwardFailure(.unreachable, "cannot connect: \(error)")
        }
        if error is HTTPParserError {
            return ForwardFailure(.badAnswer, "the app's answer is not HTTP: \(error)")
        }
        if error is NIOSSLError {
            return ForwardFailure(.unreachable, "TLS with the app failed: \(error) (--forward-insecure for a self-signed app)")
        }
        return ForwardFailure(.badAnswer, "\(error)")
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
