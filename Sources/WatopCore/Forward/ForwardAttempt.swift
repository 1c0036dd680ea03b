/// One try at handing a request to the app (`--forward-to`), and what the app said.
public struct ForwardAttempt: Sendable {
    public var startedAt: UnixTime
    public var latencyMicroseconds: Int64
    /// The app's status; nil when no answer came.
    public var status: Int?
    /// Why no answer came (unreachable, timed out, an answer that is not HTTP).
    public var failure: String?
    public var responseHeaders: [(name: String, value: String)]
    /// The first `ForwardAttempt.keptBodyBytes` of the app's answer, as it came: untrusted text.
    public var responseBody: [UInt8]
    /// The whole answer's length.
    public var responseBodyBytes: Int

    /// Enough of an answer to see why the app refused; the rest is counted, not kept.
    public static let keptBodyBytes = 4096

    public init(
        startedAt: UnixTime, latencyMicroseconds: Int64, status: Int?, failure: String? = nil,
        responseHeaders: [(name: String, value: String)] = [], responseBody: [UInt8] = [], responseBodyBytes: Int = 0
    ) {
        self.startedAt = startedAt
        self.latencyMicroseconds = latencyMicroseconds
        self.status = status
        self.failure = failure
        self.responseHeaders = responseHeaders
        self.responseBody = Array(responseBody.prefix(Self.keptBodyBytes))
        self.responseBodyBytes = max(responseBodyBytes, responseBody.count)
    }

    /// What the attempt came to.
    public var state: ForwardState {
        guard let status else { return .failed }
        return (200..<300).contains(status) ? .delivered : .refused
    }
}

/// Where a forwarded request stands.
public enum ForwardState: UInt8, Sendable, CaseIterable {
    /// Sent; the app has not answered yet.
    case inFlight
    /// The app answered 2xx.
    case delivered
    /// The app answered another status, which the provider was given as it was.
    case refused
    /// No answer: the app could not be reached, timed out, or did not speak HTTP.
    case failed
    /// Queue mode: kept in the journal, waiting to be delivered or tried again.
    case queued
    /// Queue mode: the app refused it for good (a 4xx other than 429); kept aside, not retried.
    case deadLettered

    /// The word for it in headless lines, metrics and filters.
    public var name: String {
        switch self {
        case .inFlight: "in-flight"
        case .delivered: "ok"
        case .refused: "refused"
        case .failed: "failed"
        case .queued: "queued"
        case .deadLettered: "dead-letter"
        }
    }

    /// The state of this `name`; nil for a word that names none.
    public init?(name: String) {
        guard let state = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = state
    }
}
