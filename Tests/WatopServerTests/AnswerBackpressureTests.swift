import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
import WatopCore

@testable import WatopServer

/// An app that answers only when told to, so that answers wait.
private final class HeldApp: Forwarder {
    private let promises = NIOLockedValueBox<[EventLoopPromise<ForwardResponse>]>([])

    func forward(_ request: ForwardRequest, on eventLoop: any EventLoop) -> EventLoopFuture<ForwardResponse> {
        let promise = eventLoop.makePromise(of: ForwardResponse.self)
        promises.withLockedValue { $0.append(promise) }
        return promise.futureResult
    }

    /// Answers the oldest request still waiting.
    func answerOne() {
        let promise = promises.withLockedValue { $0.removeFirst() }
        promise.succeed(ForwardResponse(status: .ok, headers: HTTPHeaders(), body: nil))
    }

    func shutdown() async {}
}

/// Counts the reads the channel asks of the handlers in front of it.
private final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = NIOAny
    var reads = 0

    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}

@Suite struct AnswerBackpressureTests {
    @Test func aConnectionStopsReadingWhileItsAnswerQueueIsFullAndReadsAgainOnceThereIsRoom() throws {
        let app = HeldApp()
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.forwarding = .init(target: try ForwardTarget("http://app.internal/"), forwarder: app)
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        defer { _ = try? channel.finish(acceptAlreadyClosed: true) }
        let counter = ReadCounter()
        let store = EventStore(capacity: 100, forwardRecordsKept: 100, startedAt: .now())
        try channel.pipeline.syncOperations.addHandler(counter)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
        try channel.pipeline.syncOperations.addHandler(
            CallbackHTTPHandler(store: store, configuration: configuration, limiter: nil, forwarder: app))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let limit = AnswerQueue<ByteBuffer>().limit
        let requests = (0..<limit).map { "GET /callback?id=b\($0):0&status=sent HTTP/1.1\r\nHost: x\r\n\r\n" }.joined()
        try channel.writeInbound(ByteBuffer(string: requests))
        let before = counter.reads
        channel.read()
        // Full: the read is held back, not passed on to the socket.
        #expect(counter.reads == before)
        app.answerOne()
        // Room again: the held read goes on, and the first answer is written.
        #expect(counter.reads == before + 1)
        var first = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(first.readString(length: 15) == "HTTP/1.1 200 OK")
        for _ in 1..<limit { app.answerOne() }
    }
}
