import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOConcurrencyHelpers

/// A minimal HTTP/1.1 client over a real socket: writes requests as raw text (so tests control
/// every byte, pipelining included) and collects the decoded answers.
struct TestHTTPClient {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
    }

    let group: MultiThreadedEventLoopGroup
    let port: Int

    /// Opens one connection, writes all `requests` back to back, and waits for `expecting`
    /// answers. Returns the answers and whether the server closed the connection afterwards.
    func exchange(_ requests: [String], expecting: Int? = nil) async throws -> (responses: [Response], closed: Bool) {
        try await exchange(bytes: Array(requests.joined().utf8), expecting: expecting ?? requests.count)
    }

    /// Writes `bytes` as they are (invalid UTF-8 included) and waits for `expecting` answers.
    func exchange(bytes: [UInt8], expecting: Int) async throws -> (responses: [Response], closed: Bool) {
        let collector = ResponseCollector(expected: expecting, eventLoop: group.next())
        let channel = try await connect(collector)
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        let responses = try await collector.done.futureResult.get()
        // Give a closing server a moment to close; a kept-alive one stays open.
        let closed = try await closedSoon(channel)
        try? await channel.close()
        return (responses, closed)
    }

    /// Writes each request whole, waiting `pause` before each after the first, on one
    /// connection; returns the answers.
    func exchange(_ requests: [String], pausingBetween pause: Duration) async throws -> [Response] {
        let collector = ResponseCollector(expected: requests.count, eventLoop: group.next())
        let channel = try await connect(collector)
        for (index, request) in requests.enumerated() {
            if index > 0 { try await Task.sleep(for: pause) }
            try await channel.writeAndFlush(ByteBuffer(string: request)).get()
        }
        let responses = try await collector.done.futureResult.get()
        try? await channel.close()
        return responses
    }

    /// Sends `prefix` at once, then `bytes` one at a time, `interval` apart, for as long as the
    /// server keeps the connection open; returns what the server answered.
    func trickle(_ bytes: [UInt8], after prefix: [UInt8] = [], interval: Duration) async throws -> String {
        let collector = ResponseCollector(expected: 1, eventLoop: group.next())
        let channel = try await connect(collector)
        if !prefix.isEmpty { try await channel.writeAndFlush(ByteBuffer(bytes: prefix)).get() }
        for byte in bytes where channel.isActive {
            try? await channel.writeAndFlush(ByteBuffer(bytes: [byte])).get()
            try await Task.sleep(for: interval)
        }
        let responses = try await collector.done.futureResult.get()
        try? await channel.close()
        return responses.first.map { "\($0.status) \($0.body)" } ?? "closed without an answer"
    }

    /// A connection whose answers go to `collector`. A failed connect fails the collector too,
    /// so that its promise is never left pending (NIO treats that as a leak).
    private func connect(_ collector: ResponseCollector) async throws -> Channel {
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(60))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(collector) }
                }
                .connect(host: "127.0.0.1", port: port).get()
        } catch {
            collector.done.fail(error)
            throw error
        }
    }

    /// Connects, writes `bytes`, and hangs up at once without reading: a client that goes away
    /// in the middle of a request.
    func abandon(after bytes: [UInt8]) async throws {
        let channel = try await ClientBootstrap(group: group)
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        try await channel.close()
    }

    /// Whether the server closes the connection within 300 ms (one that closes does so at once
    /// after its answer; one that keeps it alive does not close at all).
    private func closedSoon(_ channel: Channel) async throws -> Bool {
        for _ in 0..<30 where channel.isActive { try await Task.sleep(for: .milliseconds(10)) }
        return !channel.isActive
    }

    static func get(_ target: String, close: Bool = false) -> String {
        "GET \(target) HTTP/1.1\r\nHost: localhost\r\n\(close ? "Connection: close\r\n" : "")\r\n"
    }

    static func post(_ target: String, body: String, method: String = "POST", contentType: String = "application/json",
        close: Bool = false) -> String
    {
        "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nContent-Type: \(contentType)\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\(close ? "Connection: close\r\n" : "")\r\n\(body)"
    }
}

/// Gathers raw bytes and cuts them into answers. The server always sends Content-Length,
/// which keeps this parser small; it is for tests only.
private final class ResponseCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let done: EventLoopPromise<[TestHTTPClient.Response]>
    private let expected: Int
    private let received: NIOLockedValueBox<[UInt8]>

    init(expected: Int, eventLoop: EventLoop) {
        self.expected = expected
        done = eventLoop.makePromise()
        received = NIOLockedValueBox([])
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        let responses = received.withLockedValue { received in
            received += bytes
            return Self.parse(received)
        }
        if responses.count >= expected { done.succeed(responses) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.succeed(received.withLockedValue { Self.parse($0) })  // no effect if already succeeded
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        done.fail(error)
    }

    private static func parse(_ bytes: [UInt8]) -> [TestHTTPClient.Response] {
        var responses: [TestHTTPClient.Response] = []
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        while let headEnd = text.range(of: "\r\n\r\n") {
            let lines = text[..<headEnd.lowerBound].split(separator: "\r\n")
            guard let statusLine = lines.first else { break }
            let status = Int(statusLine.split(separator: " ")[1]) ?? 0
            var headers = HTTPHeaders()
            for line in lines.dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                headers.add(name: String(parts[0]), value: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
            }
            let length = headers["content-length"].first.flatMap(Int.init) ?? 0
            let bodyStart = headEnd.upperBound
            guard text.utf8.distance(from: bodyStart, to: text.endIndex) >= length else { break }
            let bodyEnd = text.utf8.index(bodyStart, offsetBy: length)
            responses.append(.init(status: status, headers: headers, body: String(text[bodyStart..<bodyEnd])))
            text = text[bodyEnd...]
        }
        return responses
    }
}
