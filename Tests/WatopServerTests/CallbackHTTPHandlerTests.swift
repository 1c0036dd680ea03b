import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
import WatopCore

@testable import WatopServer

/// The connection handler on NIO's `EmbeddedChannel`: no socket, and virtual time, so that
/// timeouts are checked without waiting for them.
@Suite struct CallbackHTTPHandlerTests {
    private struct Connection {
        let channel: EmbeddedChannel
        let loop: EmbeddedEventLoop
        let store: EventStore

        init(configuration: ListenerConfiguration = ListenerConfiguration(port: 0, threads: 1)) throws {
            loop = EmbeddedEventLoop()
            channel = EmbeddedChannel(loop: loop)
            store = EventStore(capacity: 100, startedAt: .now())
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try channel.pipeline.syncOperations.addHandler(
                CallbackHTTPHandler(store: store, configuration: configuration, limiter: nil))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        }

        /// Closes the channel, which lets go of its pipeline and the handler's timers: without
        /// this the connection and its store outlive the test.
        func close() {
            _ = try? channel.finish(acceptAlreadyClosed: true)
        }

        func send(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(string: text))
        }

        /// Everything written to the client so far, as text.
        func written() throws -> String {
            var text = ""
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += buffer.readString(length: buffer.readableBytes) ?? ""
            }
            return text
        }

        var isOpen: Bool { channel.isActive }
    }

    private static func statusLines(_ text: String) -> [String] {
        // The JSON bodies end with a bare LF, right before the next status line.
        text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("HTTP/1.1 ") }.map(String.init)
    }

    @Test func pipelinedRequestsAreAnsweredInOrderInOneRead() throws {
        let connection = try Connection()
        defer { connection.close() }
        try connection.send(
            "GET /callback?id=a:0&status=sent HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /callback?id=b:0&status=read HTTP/1.1\r\nHost: x\r\n\r\n")
        let written = try connection.written()
        #expect(Self.statusLines(written) == ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK"], "\(written)")
        #expect(connection.store.acceptedCount == 2)
        #expect(connection.isOpen)
    }

    @Test func aSilentConnectionIsClosedAfterTheIdleTimeout() throws {
        let connection = try Connection(configuration: ListenerConfiguration(port: 0, idleTimeoutSeconds: 5, threads: 1))
        defer { connection.close() }
        connection.loop.advanceTime(by: .seconds(4))
        #expect(connection.isOpen)
        // The check runs once per period; a connection silent for a whole period goes.
        connection.loop.advanceTime(by: .seconds(7))
        #expect(!connection.isOpen)
    }

    @Test func aRequestTrickledSlowerThanTheTimeoutGets408() throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.requestTimeoutSeconds = 2
        let connection = try Connection(configuration: configuration)
        defer { connection.close() }
        try connection.send("POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"id\":")
        connection.loop.advanceTime(by: .seconds(1))
        #expect(try connection.written().isEmpty)
        connection.loop.advanceTime(by: .seconds(2))
        #expect(Self.statusLines(try connection.written()) == ["HTTP/1.1 408 Request Timeout"])
        #expect(!connection.isOpen)
    }

    @Test func aBodyDeclaredTooLargeIsRefusedBeforeItArrives() throws {
        let connection = try Connection(configuration: ListenerConfiguration(port: 0, maximumBodyBytes: 100, threads: 1))
        defer { connection.close() }
        try connection.send("POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
        let answer = try connection.written()
        #expect(Self.statusLines(answer) == ["HTTP/1.1 413 Payload Too Large"])
        #expect(answer.contains("connection: close"))
        #expect(!connection.isOpen)
        #expect(connection.store.snapshot().aggregates.rejections == [.bodyTooLarge: 1])
    }
}
