import NIOHTTP1
import WatopCore

/// What Meta's and Twilio's requests must prove before they are taken: the answer to Meta's
/// verification handshake, and the signatures their secrets require.
struct ProviderChecks {
    let secrets: ProviderSecrets

    init(_ secrets: ProviderSecrets) { self.secrets = secrets }

    /// The challenge echoed as plain text, or a refusal (`refused`, to be counted).
    func answer(to handshake: MetaVerification) -> (answer: Answer, refused: Bool) {
        guard let expected = secrets.metaVerifyToken else {
            return (.refusal(.forbidden, "Meta verification handshake refused: watop was started without --meta-verify-token"), true)
        }
        if let problem = handshake.problem { return (.refusal(.badRequest, problem), true) }
        guard ConstantTime.equal(handshake.verifyToken, expected) else {
            return (.refusal(.forbidden, "hub.verify_token does not match --meta-verify-token"), true)
        }
        return (Answer(status: .ok, body: handshake.challenge, contentType: "text/plain; charset=utf-8"), false)
    }

    /// A Meta or Twilio request without the signature its configured secret requires: 401.
    func signatureRefusal(of batch: CallbackBatch, head: HTTPRequestHead, raw: RawRequest) -> Answer? {
        switch batch.format {
        case .meta:
            guard let secret = secrets.metaAppSecret else { return nil }
            let header = head.headers.first(name: "x-hub-signature-256")
            if WebhookSignature.metaIsValid(header: header, body: raw.body, appSecret: secret) { return nil }
            return .refusal(.unauthorized, "X-Hub-Signature-256 is missing or does not match --meta-app-secret")
        case .twilio:
            guard let token = secrets.twilioAuthToken else { return nil }
            // The signature covers the URL as Twilio called it, secrets in the query included.
            let urls =
                secrets.publicURL.map { [$0 + head.uri] }
                ?? ["https://", "http://"].map { $0 + (head.headers.first(name: "host") ?? "") + head.uri }
            let valid = WebhookSignature.twilioIsValid(
                header: head.headers.first(name: "x-twilio-signature"), urls: urls,
                postParameters: raw.method == "GET" ? [] : TwilioPairs(raw).bodyPairs, authToken: token)
            return valid ? nil : .refusal(.unauthorized, "X-Twilio-Signature is missing or does not match --twilio-auth-token")
        case .kaleyraV1, .kaleyraV2:
            return nil
        }
    }
}
