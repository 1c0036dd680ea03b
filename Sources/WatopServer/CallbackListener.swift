import NIOCore
import NIOHTTP1
import NIOPosix
import WatopCore

/// The HTTP listener Kaleyra calls: a SwiftNIO server feeding an `EventStore`.
public final class CallbackListener: Sendable {
    public let configuration: ListenerConfiguration
    /// The port actually bound (differs from the configuration's when that was 0).
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    /// Queue mode's delivery thread, apart from the listener's.
    private let deliveryGroup: MultiThreadedEventLoopGroup?
    private let channel: Channel
    private let forwarder: (any Forwarder)?
    private let queue: ForwardQueue?
    /// Succeeded by `open()`: until then connections are accepted but not read.
    private let gate: EventLoopPromise<Void>?

    private init(
        configuration: ListenerConfiguration, port: Int, group: MultiThreadedEventLoopGroup,
        deliveryGroup: MultiThreadedEventLoopGroup?, channel: Channel, forwarder: (any Forwarder)?, queue: ForwardQueue?,
        gate: EventLoopPromise<Void>?
    ) {
        self.gate = gate
        self.configuration = configuration
        self.port = port
        self.group = group
        self.deliveryGroup = deliveryGroup
        self.channel = channel
        self.forwarder = forwarder
        self.queue = queue
    }

    /// Binds and starts serving. Throws `ListenerError` with a message for people on failure.
    /// - Parameter startsClosed: binds the port at once but reads no request until `open()`,
    ///   while the store is being filled (`--resume`): a provider calling meanwhile waits for
    ///   its answer instead of finding the port refused, and no new event lands among the old.
    public static func start(configuration: ListenerConfiguration, store: EventStore, startsClosed: Bool = false) async throws
        -> CallbackListener
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        let decoderLimits = {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = configuration.maximumHeaderBytes
            limits.maxHeaderListSize = configuration.maximumHeaderBytes
            return limits
        }()
        let limiter = configuration.rateLimit.map { RateLimiter(requestsPerSecond: $0) }
        let deliveryGroup = configuration.forwarding?.mode == .queue ? await Self.deliveryGroup() : nil
        let forwarder = configuration.forwarding.map { $0.makeForwarder(deliveryGroup ?? group) }
        let queue: ForwardQueue?
        do {
            queue = try Self.queue(
                configuration: configuration, forwarder: forwarder, store: store, loop: (deliveryGroup ?? group).next())
        } catch {
            await forwarder?.shutdown()
            try? await group.shutdownGracefully()
            try? await deliveryGroup?.shutdownGracefully()
            throw ListenerError(description: error.description)
        }
        let gate = startsClosed ? group.next().makePromise(of: Void.self) : nil
        let bootstrap = Self.bootstrap(group: group)
            .childChannelInitializer { channel in
                // NIO registers an accepted connection, and so reads it, once this completes.
                let opened = gate?.futureResult.hop(to: channel.eventLoop) ?? channel.eventLoop.makeSucceededVoidFuture()
                return opened.flatMapThrowing {
                    // NIO's llhttp-based decoder, and answers written as bytes by the handler:
                    // no pipelining queue or response encoder is needed for answers that are
                    // complete the moment a request is.
                    try configuration.security?.secure(channel)
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: decoderLimits)))
                    try pipeline.addHandler(
                        CallbackHTTPHandler(
                            store: store, configuration: configuration, limiter: limiter, forwarder: forwarder, queue: queue))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            let port = channel.localAddress?.port ?? configuration.port
            let listener = CallbackListener(
                configuration: configuration, port: port, group: group, deliveryGroup: deliveryGroup, channel: channel,
                forwarder: forwarder, queue: queue, gate: gate)
            if !startsClosed { listener.open() }
            return listener
        } catch {
            gate?.fail(ChannelError.ioOnClosedChannel)
            queue?.stop()
            await forwarder?.shutdown()
            try? await group.shutdownGracefully()
            try? await deliveryGroup?.shutdownGracefully()
            throw ListenerError(binding: configuration, cause: error)
        }
    }

    /// Queue mode delivers on threads of its own, one per core, at the lowest priority: when the
    /// CPU is short, providers are answered first and the backlog waits on disk, which is what
    /// queue mode is for; whatever CPU the listener leaves, delivery takes, on every core, since
    /// the client's work per request is what bounds the drain.
    private static func deliveryGroup() async -> MultiThreadedEventLoopGroup {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        // On Linux the nice value belongs to a thread, and 0 names the calling one, so only the
        // delivery threads are lowered; failing to lower one only leaves it at the listener's priority.
        for loop in group.makeIterator() {
            try? await loop.submit { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19) }.get()
        }
        return group
    }

    /// Queue mode's delivery from the journal, when asked for.
    private static func queue(
        configuration: ListenerConfiguration, forwarder: (any Forwarder)?, store: EventStore, loop: any EventLoop
    ) throws(JournalError) -> ForwardQueue? {
        guard let forwarding = configuration.forwarding, forwarding.mode == .queue, let forwarder else { return nil }
        guard let journal = configuration.journal else { throw JournalError("queue mode needs a journal (--journal FILE)") }
        let plan = ForwardPlan(target: forwarding.target, access: configuration.access, servesHTTPS: configuration.security != nil)
        return try ForwardQueue(
            journal: journal, forwarder: forwarder, plan: plan, store: store, loop: loop,
            settings: forwarding.queueSettings)
    }

    /// The listener's socket options, shared with the benchmark's bare SwiftNIO server so that
    /// both are measured with the same ones.
    public static func bootstrap(group: any EventLoopGroup) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
    }

    /// The URL to paste into a Kaleyra callback profile (before any tunnel or proxy).
    public var callbackURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "\(configuration.security == nil ? "http" : "https")://\(host):\(port)\(configuration.callbackPath)"
    }

    /// Starts reading connections and delivering queue mode's backlog, for a listener started
    /// closed.
    public func open() {
        gate?.succeed(())
        queue?.start()
    }

    /// Closes the listening socket; connections already open are still served.
    public func stopAccepting() async {
        try? await channel.close()
    }

    /// Stops accepting, closes the listening socket, the connections to the app and the event loops.
    public func shutdown() async {
        gate?.fail(ChannelError.ioOnClosedChannel)
        try? await channel.close()
        queue?.stop()
        await forwarder?.shutdown()
        try? await group.shutdownGracefully()
        try? await deliveryGroup?.shutdownGracefully()
    }
}

/// Why the listener could not start, in words for the person who ran watop.
public struct ListenerError: Error, CustomStringConvertible {
    public let description: String

    init(description: String) { self.description = description }

    init(binding configuration: ListenerConfiguration, cause: Error) {
        let address = "\(configuration.host):\(configuration.port)"
        if let io = cause as? IOError, io.errnoCode == EADDRINUSE {
            description = "cannot listen on \(address): the port is in use; pick another with --port (or --port 0 for any free one)"
        } else if let io = cause as? IOError, io.errnoCode == EACCES {
            description = "cannot listen on \(address): permission denied (ports below 1024 need privileges)"
        } else {
            description = "cannot listen on \(address): \(cause)"
        }
    }
}
