import NIOCore
import NIOHTTP1
import NIOPosix
import WatopCore

/// Sends simulated callback traffic to a receiver over real HTTP/1.1 keep-alive connections.
public struct Simulation: Sendable {
    public enum Limit: Sendable {
        case count(Int)
        case seconds(Double)
        /// Until cancelled.
        case endless
    }

    public var url: CallbackURL
    public var profile: TrafficProfile
    /// Requests per second over all connections; nil sends as fast as the receiver answers.
    public var callbacksPerSecond: Double?
    public var limit: Limit
    public var connections: Int

    /// At full speed the model's clock runs as if at this rate, so that a short burst still
    /// holds whole lifecycles (reads come seconds after sends) instead of only first callbacks.
    static let modelRateAtFullSpeed = 50.0

    public init(
        url: CallbackURL, profile: TrafficProfile, callbacksPerSecond: Double?, limit: Limit, connections: Int = 4
    ) {
        self.url = url
        self.profile = profile
        self.callbacksPerSecond = callbacksPerSecond
        self.limit = limit
        self.connections = connections
    }

    /// Runs to the limit (or until cancelled) and returns what happened. `progress` is called
    /// about once a second. Throws `SimulationError.unreachable` when the target cannot be reached.
    public func run(progress: @escaping @Sendable (SimulationReport) -> Void = { _ in }) async throws
        -> SimulationReport
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { group.shutdownGracefully { _ in } }
        // Fail fast, with a clear message, when nothing listens there.
        let first = try await connect(group: group)
        let source = CallbackSource(
            model: TrafficModel(
                profile: profile, callbacksPerSecond: callbacksPerSecond ?? Self.modelRateAtFullSpeed, start: .now()),
            callbacksPerSecond: callbacksPerSecond, limit: limit)
        // Pacing counts from the source's start, and so does the elapsed time reported.
        let started = source.start
        let reporter = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard !Task.isCancelled else { return }
                var snapshot = await source.progress
                snapshot.elapsedSeconds = started.duration(to: .now).seconds
                progress(snapshot)
            }
        }
        defer { reporter.cancel() }
        var report = try await withThrowingTaskGroup(of: SimulationReport.self) { tasks in
            tasks.addTask { try await drive(first, source: source, group: group) }
            for _ in 1..<max(1, connections) {
                tasks.addTask { try await drive(try await connect(group: group), source: source, group: group) }
            }
            var total = SimulationReport()
            for try await part in tasks { total.merge(part) }
            return total
        }
        report.statuses = await source.statusesSent
        report.formats = await source.formatsSent
        report.elapsedSeconds = started.duration(to: .now).seconds
        return report
    }

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    private func connect(group: EventLoopGroup) async throws -> Connection {
        do {
            return try await ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(.seconds(5))
                .connect(host: url.host, port: url.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SimulationError.unreachable("cannot reach \(url): \(Self.explain(error))")
        }
    }

    /// Sends requests one at a time on a connection, reconnecting when the receiver closes it.
    private func drive(_ connection: Connection, source: CallbackSource, group: EventLoopGroup) async throws
        -> SimulationReport
    {
        var report = SimulationReport()
        var connection: Connection? = connection
        while true {
            let live: Connection
            if let connection {
                live = connection
            } else {
                live = try await connect(group: group)
            }
            connection = nil
            let outcome = try await live.executeThenClose { inbound, outbound in
                var responses = inbound.makeAsyncIterator()
                while true {
                    guard let simulated = await source.next() else { return true }
                    let events = simulated.events.count
                    do {
                        try await outbound.write(contentsOf: request(for: simulated))
                        let status = try await readStatus(&responses)
                        report.recordAnswer(status, events: events)
                        await source.recordAnswer(status, events: events)
                    } catch {
                        report.recordFailure(events: events)
                        await source.recordFailure(events: events)
                        return false
                    }
                }
            }
            if outcome { return report }
        }
    }

    /// A connection failure in a few words: NIO's own description names every attempt.
    private static func explain(_ error: Error) -> String {
        let underlying = (error as? NIOConnectionError)?.connectionErrors.first?.error ?? error
        if case ChannelError.connectTimeout = underlying { return "timed out" }
        switch (underlying as? IOError)?.errnoCode {
        case ECONNREFUSED: return "connection refused (is watop listening there?)"
        case ETIMEDOUT: return "timed out"
        default: return "\(underlying)"
        }
    }

    private func readStatus(_ responses: inout NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator)
        async throws -> Int
    {
        var status = 0
        while let part = try await responses.next() {
            switch part {
            case .head(let head): status = Int(head.status.code)
            case .body: continue
            case .end: return status
            }
        }
        throw ChannelError.eof
    }

    private func request(for simulated: SimulatedRequest) -> [HTTPClientRequestPart] {
        var headers = HTTPHeaders()
        headers.add(name: "host", value: url.host)
        headers.add(name: "user-agent", value: "watop-simulate")
        switch simulated.payload {
        case .query(let query):
            let head = HTTPRequestHead(
                version: .http1_1, method: .GET, uri: url.target(appending: query), headers: headers)
            return [.head(head), .end(nil)]
        case .body(let text, let contentType):
            let body = ByteBuffer(string: text)
            headers.add(name: "content-type", value: contentType)
            headers.add(name: "content-length", value: String(body.readableBytes))
            let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: url.target, headers: headers)
            return [.head(head), .body(.byteBuffer(body)), .end(nil)]
        }
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
