/// Why a request was not accepted as a callback. The raw value is the stable key used in
/// counters, the headless summary and the dashboard.
public enum RejectionReason: String, Sendable, CaseIterable, Comparable {
    case missingID = "missing-id"
    case missingStatus = "missing-status"
    case invalidPrice = "invalid-price"
    case invalidTimestamp = "invalid-timestamp"
    case malformedBody = "malformed-body"
    case noFields = "no-fields"
    case bodyTooLarge = "body-too-large"
    /// Bodies arriving at once hold all of `--body-budget`.
    case bodyBudgetSpent = "body-budget-spent"
    case badHTTP = "bad-http"
    case methodNotAllowed = "method-not-allowed"
    case unknownPath = "unknown-path"
    case unauthorized = "unauthorized"
    case rateLimited = "rate-limited"
    case journalFailed = "journal-failed"
    /// The request is not in the format `--format` pins.
    case wrongFormat = "wrong-format"
    /// A Meta or Twilio request whose signature does not match the configured secret.
    case badSignature = "bad-signature"
    /// A Meta verification handshake with a wrong or unconfigured verify token.
    case verificationRefused = "verification-refused"

    public static func < (lhs: RejectionReason, rhs: RejectionReason) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A rejected request: the counted reason and a one-line explanation for the caller.
public struct CallbackRejection: Error, Sendable, Equatable {
    public var reason: RejectionReason
    public var message: String

    public init(_ reason: RejectionReason, _ message: String) {
        self.reason = reason
        self.message = message
    }
}
