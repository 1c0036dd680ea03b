import NIOCore
import NIOHTTP1
import WatopCore

/// Serves one connection: routes each request, collects its body within the limit, turns a
/// callback into an event for the store, and answers. Nothing here blocks the event loop;
/// every problem becomes an answer, never a crash.
final class CallbackHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Where the connection is within the current request.
    private enum State {
        /// Between requests.
        case idle
        /// A callback request whose body is being collected.
        case collecting(HTTPRequestHead, body: ByteBuffer?)
        /// The answer is decided at the head; the body is read and dropped.
        case discarding(HTTPRequestHead, Answer)
        /// An answer was sent early and the connection is closing; the rest is ignored.
        case closing
    }

    private var state = State.idle
    private let store: EventStore
    private let configuration: ListenerConfiguration

    init(store: EventStore, configuration: ListenerConfiguration) {
        self.store = store
        self.configuration = configuration
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), .idle):
            begin(head, context: context)
        case (.body(var chunk), .collecting(let head, var body)):
            if (body?.readableBytes ?? 0) + chunk.readableBytes > configuration.maximumBodyBytes {
                refuseEarly(tooLarge(), context: context)
                return
            }
            if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
            state = .collecting(head, body: body)
        case (.end, .collecting(let head, let body)):
            state = .idle
            answerCallback(head, body: body, context: context)
        case (.end, .discarding(let head, let answer)):
            state = .idle
            send(answer, keepAlive: head.isKeepAlive, context: context)
        case (_, .closing), (.body, .discarding):
            break
        case (.head, _), (.body, .idle), (.end, .idle):
            // The HTTP decoder never produces these; treat it as a broken connection.
            refuseEarly(.refusal(.badRequest, "malformed HTTP request"), context: context)
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if path == configuration.callbackPath {
            guard head.method == .GET || head.method == .POST || head.method == .PUT else {
                return discard(head, methodNotAllowed(head.method, allow: "GET, POST, PUT"))
            }
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init),
                declared > configuration.maximumBodyBytes
            {
                return refuseEarly(tooLarge(), context: context)
            }
            state = .collecting(head, body: nil)
        } else if path == "/healthz" {
            guard head.method == .GET || head.method == .HEAD else {
                return discard(head, methodNotAllowed(head.method, allow: "GET"))
            }
            discard(head, health())
        } else {
            store.recordRejection(.unknownPath)
            discard(
                head,
                .refusal(.notFound, "no such path \(String(path).prefix(200)); callbacks go to \(configuration.callbackPath)"))
        }
    }

    private func answerCallback(_ head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) {
        let raw = RawRequest(
            method: head.method.rawValue, target: head.uri, headers: head.headers.map { ($0.name, $0.value) },
            body: body.map { Array($0.readableBytesView) } ?? [])
        do {
            let event = try CallbackParser.parse(raw, receivedAt: .now())
            store.record(event)
            send(.accepted, keepAlive: head.isKeepAlive, context: context)
        } catch {
            store.recordRejection(error.reason)
            send(.refusal(.badRequest, error.message), keepAlive: head.isKeepAlive, context: context)
        }
    }

    private func discard(_ head: HTTPRequestHead, _ answer: Answer) {
        state = .discarding(head, answer)
    }

    private func methodNotAllowed(_ method: HTTPMethod, allow: String) -> Answer {
        store.recordRejection(.methodNotAllowed)
        var answer = Answer.refusal(.methodNotAllowed, "method \(method.rawValue) not allowed here; use \(allow)")
        answer.extraHeaders = [("allow", allow)]
        return answer
    }

    private func tooLarge() -> Answer {
        store.recordRejection(.bodyTooLarge)
        return .refusal(.payloadTooLarge, "body larger than \(configuration.maximumBodyBytes) bytes (see --max-body)")
    }

    private func health() -> Answer {
        var body = JSONObjectWriter()
        body.string("status", "ok")
        body.number("accepted", String(store.acceptedCount))
        return Answer(status: .ok, body: ByteBuffer(string: body.finished() + "\n"))
    }

    /// Answers before the request has been read to its end, then closes: the rest of the
    /// request cannot be trusted to be small.
    private func refuseEarly(_ answer: Answer, context: ChannelHandlerContext) {
        state = .closing
        var answer = answer
        answer.closesConnection = true
        send(answer, keepAlive: false, context: context)
    }

    private func send(_ answer: Answer, keepAlive: Bool, context: ChannelHandlerContext) {
        let keepAlive = keepAlive && !answer.closesConnection
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(answer.body.readableBytes))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        for (name, value) in answer.extraHeaders { headers.add(name: name, value: value) }
        let head = HTTPResponseHead(version: .http1_1, status: answer.status, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(answer.body))), promise: nil)
        guard !keepAlive else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let channel = context.channel
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    private var isClosing: Bool {
        if case .closing = state { return true }
        return false
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // NIO's protocol error handler has already answered 400 to unparsable HTTP. Once we
        // have refused a request early, what still arrives of it is not a new bad request.
        if error is HTTPParserError, !isClosing { store.recordRejection(.badHTTP) }
        context.close(promise: nil)
    }
}
