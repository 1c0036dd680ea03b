import Crypto
import Foundation
import WatopCore

/// The signatures Meta and Twilio put on their webhooks, checked with swift-crypto's HMAC,
/// whose `isValidAuthenticationCode` compares in constant time.
public enum WebhookSignature {
    /// Meta: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed by the app secret>`.
    public static func metaIsValid(header: String?, body: [UInt8], appSecret: String) -> Bool {
        guard let header, header.hasPrefix("sha256="), let code = bytes(fromHex: header.dropFirst("sha256=".count)) else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(
            code, authenticating: body, using: SymmetricKey(data: Array(appSecret.utf8)))
    }

    /// Twilio: `X-Twilio-Signature: <base64 HMAC-SHA1 of the full URL followed by each POST
    /// parameter's name and value, sorted by name, keyed by the auth token>`.
    /// - Parameter urls: the URLs Twilio may have called (the configured public URL, or the
    ///   request's Host under https and http, since a proxy in front hides which).
    public static func twilioIsValid(
        header: String?, urls: [String], postParameters: [(name: String, value: String)], authToken: String
    ) -> Bool {
        guard let header, let code = Data(base64Encoded: header) else { return false }
        let sorted = postParameters.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        let parameters = sorted.map { $0.name + $0.value }.joined()
        let key = SymmetricKey(data: Array(authToken.utf8))
        return urls.contains { url in
            HMAC<Insecure.SHA1>.isValidAuthenticationCode(code, authenticating: Array((url + parameters).utf8), using: key)
        }
    }

    private static func bytes(fromHex text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = ASCII.hexValue(digits[index]), let low = ASCII.hexValue(digits[index + 1]) else {
                return nil
            }
            out.append(high << 4 | low)
        }
        return out
    }
}
