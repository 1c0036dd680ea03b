/// What Meta and Twilio need checked on their requests. Each check applies to requests of
/// that provider's format only; none is made when its secret is not given.
public struct ProviderSecrets: Sendable {
    /// Answers Meta's verification handshake when it presents this token (`--meta-verify-token`).
    public var metaVerifyToken: String?
    /// Requires a valid `X-Hub-Signature-256` on Meta webhooks (`--meta-app-secret`).
    public var metaAppSecret: String?
    /// Requires a valid `X-Twilio-Signature` on Twilio callbacks (`--twilio-auth-token`).
    public var twilioAuthToken: String?
    /// The URL Twilio calls, up to the path (`https://hooks.example.com`), when a proxy in
    /// front of watop changes it (`--public-url`); otherwise the Host header is used.
    public var publicURL: String?

    public init(
        metaVerifyToken: String? = nil, metaAppSecret: String? = nil, twilioAuthToken: String? = nil,
        publicURL: String? = nil
    ) {
        self.metaVerifyToken = metaVerifyToken
        self.metaAppSecret = metaAppSecret
        self.twilioAuthToken = twilioAuthToken
        self.publicURL = publicURL
    }
}
