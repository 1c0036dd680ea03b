import NIOCore
import WatopCore

/// Where and how the callback listener listens.
public struct ListenerConfiguration: Sendable {
    public var host: String
    /// 0 asks the system for a free port; `CallbackListener.port` tells which.
    public var port: Int
    /// The path Kaleyra calls; `GET /healthz` is always served beside it.
    public var callbackPath: String
    /// Bodies above this many bytes are refused with 413.
    public var maximumBodyBytes: Int
    /// What bodies arriving on all connections may hold together; past it, 503.
    public var bodyBudget = BodyBudget()
    /// Request line and headers above this many bytes are refused.
    public var maximumHeaderBytes: Int
    /// A connection that sends nothing for this long is closed.
    public var idleTimeoutSeconds: Int
    /// A request must arrive in full within this long of its first byte, or gets 408.
    public var requestTimeoutSeconds = 10
    /// Event-loop threads; `defaultThreads` unless chosen.
    public var threads: Int
    /// Who may post callbacks; anyone by default.
    public var access: AccessPolicy = .open
    /// Requests per second allowed from each client address; nil for no limit.
    public var rateLimit: Double?
    /// Where accepted callbacks are written before they are answered; nil for none.
    public var journal: Journal?
    /// Accept only this format (`--format`); nil detects each request's format.
    public var format: CallbackFormat?
    /// Meta's verify token and app secret, Twilio's auth token.
    public var providerSecrets = ProviderSecrets()
    /// Serves `GET /metrics` when set; it must also be the store's observer.
    public var metrics: CallbackMetrics?
    /// Serves HTTPS when set (`--tls-cert`, `--tls-key`); plain HTTP when nil.
    public var security: (any ConnectionSecurity)?
    /// Where every callback that passes watop's access checks is sent on, and how; nil
    /// when watop is the endpoint itself.
    public var forwarding: Forwarding?

    /// Sending callbacks on to the app (`--forward-to`).
    public struct Forwarding: Sendable {
        /// When the provider is answered.
        public enum Mode: String, Sendable, CaseIterable {
            /// With the app's own answer, once it comes.
            case sync
            /// 200 once the callback is in the journal; the journal is delivered to the app after.
            case queue
        }

        public var target: ForwardTarget
        public var mode = Mode.sync
        /// How much queue mode holds in memory and sends at once.
        public var queueSettings = ForwardQueue.Settings()
        /// Makes the forwarder on the listener's event loops, so that a callback and its
        /// forwarded request are served by one thread.
        public var makeForwarder: @Sendable (any EventLoopGroup) -> any Forwarder

        public init(target: ForwardTarget, makeForwarder: @escaping @Sendable (any EventLoopGroup) -> any Forwarder) {
            self.target = target
            self.makeForwarder = makeForwarder
        }

        public init(target: ForwardTarget, forwarder: any Forwarder) {
            self.init(target: target) { _ in forwarder }
        }
    }

    public static let defaultPort = 8080
    public static let defaultPath = "/callback"
    /// 4 MiB: Meta documents webhooks of up to 3 MB, and a callback refused with 413 is
    /// retried by the provider for days and never shown.
    public static let defaultMaximumBodyBytes = 4 << 20

    /// One event loop per core but one, and at least one: the dashboard's renderer (or the
    /// headless printer) needs a core of its own, and event loops that outnumber the free
    /// cores take turns on them, which costs more in switching than the extra loop gains.
    public static var defaultThreads: Int { max(1, System.coreCount - 1) }

    /// Whether `host` only accepts connections from this machine.
    public var isLoopbackOnly: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public init(
        host: String = "127.0.0.1", port: Int = Self.defaultPort, callbackPath: String = Self.defaultPath,
        maximumBodyBytes: Int = Self.defaultMaximumBodyBytes, maximumHeaderBytes: Int = 16 * 1024,
        idleTimeoutSeconds: Int = 60, threads: Int = Self.defaultThreads
    ) {
        self.host = host
        self.port = port
        self.callbackPath = callbackPath
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumHeaderBytes = maximumHeaderBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.threads = threads
    }
}
