import ArgumentParser
import WatopServer

/// Where the listener listens and what it lets a connection do.
struct ListenerOptions: ParsableArguments {
    @Option(help: "Address to listen on. Keep the loopback default behind a tunnel or reverse proxy.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port and prints it. (default: 8080, or 0 with --demo)")
    var port: Int?

    @Option(help: "The callback path to give Kaleyra.")
    var path = ListenerConfiguration.defaultPath

    @Option(name: .customLong("max-body"), help: "Largest request body accepted, in bytes; larger gets 413.")
    var maximumBodyBytes = ListenerConfiguration.defaultMaximumBodyBytes

    @Option(
        name: .customLong("body-budget"),
        help: "Bytes that bodies arriving on all connections may hold at once; past it, 503 (the provider retries).")
    var bodyBudgetBytes = BodyBudget.defaultLimit

    @Option(name: .customLong("idle-timeout"), help: "Seconds after which a silent connection is closed.")
    var idleTimeoutSeconds = 60

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take to arrive in full (slow clients get 408).")
    var requestTimeoutSeconds = 10

    @Option(help: "Event-loop threads for the listener (default: one per core but one, at least one).")
    var threads: Int?

    @Option(
        name: .customLong("metrics-max-numbers"),
        help: "WhatsApp numbers that get their own series in /metrics; the rest are counted as 'other'.")
    var metricsMaximumNumbers = CallbackMetrics.defaultMaximumNumbers

    func validate() throws {
        if let port, !(0...65_535).contains(port) {
            throw ValidationError("--port \(port) is outside 0–65535")
        }
        guard path.hasPrefix("/"), !path.contains("?"), !path.contains("#"), path != "/healthz", path != "/metrics" else {
            throw ValidationError("--path '\(path)' must start with '/', hold no '?' or '#', and not be /healthz or /metrics")
        }
        guard (0...10_000).contains(metricsMaximumNumbers) else {
            throw ValidationError("--metrics-max-numbers \(metricsMaximumNumbers) must be between 0 and 10000")
        }
        guard (1...(64 << 20)).contains(maximumBodyBytes) else {
            throw ValidationError("--max-body \(maximumBodyBytes) must be between 1 and 67108864 bytes")
        }
        guard bodyBudgetBytes >= maximumBodyBytes, bodyBudgetBytes <= (1 << 40) else {
            throw ValidationError("--body-budget \(bodyBudgetBytes) must be at least --max-body (\(maximumBodyBytes)) and at most 1 TiB")
        }
        guard requestTimeoutSeconds >= 1 else {
            throw ValidationError("--request-timeout \(requestTimeoutSeconds) must be at least 1 second")
        }
        guard idleTimeoutSeconds >= 1 else {
            throw ValidationError("--idle-timeout \(idleTimeoutSeconds) must be at least 1 second")
        }
        if let threads, !(1...64).contains(threads) {
            throw ValidationError("--threads \(threads) must be between 1 and 64")
        }
    }

    /// The listener's own settings; `demo` picks a free port when none is given.
    func configuration(demo: Bool) -> ListenerConfiguration {
        var configuration = ListenerConfiguration(
            host: host, port: port ?? (demo ? 0 : ListenerConfiguration.defaultPort), callbackPath: path,
            maximumBodyBytes: maximumBodyBytes, idleTimeoutSeconds: idleTimeoutSeconds)
        if let threads { configuration.threads = threads }
        configuration.requestTimeoutSeconds = requestTimeoutSeconds
        configuration.bodyBudget = BodyBudget(limit: bodyBudgetBytes)
        return configuration
    }
}
