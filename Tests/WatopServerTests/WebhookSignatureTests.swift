import NIOHTTP1
import Testing
import WatopCore
@testable import WatopServer

/// Known vectors: Twilio's own published example, and values computed independently with
/// Python's `hmac` module for the requests below.
@Suite struct WebhookSignatureTests {
    static let twilioURL = "https://mycompany.com/myapp.php?foo=1&bar=2"
    static let twilioParameters = [
        ("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675310"), ("Digits", "1234"), ("From", "+14158675310"),
        ("To", "+18005551212"),
    ].map { (name: $0.0, value: $0.1) }

    @Test func twiliosPublishedExampleIsValid() {
        #expect(WebhookSignature.twilioIsValid(
            header: "GvWf1cFY/Q7PnoempGyD5oXAezc=", urls: [Self.twilioURL], postParameters: Self.twilioParameters,
            authToken: "12345"))
    }

    @Test func aChangedParameterURLOrTokenBreaksTheTwilioSignature() {
        var changed = Self.twilioParameters
        changed[2].value = "1235"
        #expect(!WebhookSignature.twilioIsValid(
            header: "GvWf1cFY/Q7PnoempGyD5oXAezc=", urls: [Self.twilioURL], postParameters: changed, authToken: "12345"))
        #expect(!WebhookSignature.twilioIsValid(
            header: "GvWf1cFY/Q7PnoempGyD5oXAezc=", urls: [Self.twilioURL + "&x=1"],
            postParameters: Self.twilioParameters, authToken: "12345"))
        #expect(!WebhookSignature.twilioIsValid(
            header: "GvWf1cFY/Q7PnoempGyD5oXAezc=", urls: [Self.twilioURL], postParameters: Self.twilioParameters,
            authToken: "12346"))
        #expect(!WebhookSignature.twilioIsValid(
            header: nil, urls: [Self.twilioURL], postParameters: Self.twilioParameters, authToken: "12345"))
    }

    @Test func aMetaSignatureIsTheHexHMACOfTheRawBody() {
        let body = Array(ProviderWebhookTests.signedMetaBody.utf8)
        #expect(WebhookSignature.metaIsValid(header: ProviderWebhookTests.metaSignature, body: body, appSecret: "meta-app-secret"))
        #expect(WebhookSignature.metaIsValid(
            header: ProviderWebhookTests.metaSignature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="),
            body: body, appSecret: "meta-app-secret"))
        #expect(!WebhookSignature.metaIsValid(header: ProviderWebhookTests.metaSignature, body: body + [0x20], appSecret: "meta-app-secret"))
        #expect(!WebhookSignature.metaIsValid(header: ProviderWebhookTests.metaSignature, body: body, appSecret: "other"))
        #expect(!WebhookSignature.metaIsValid(header: "sha256=zz", body: body, appSecret: "meta-app-secret"))
        #expect(!WebhookSignature.metaIsValid(header: nil, body: body, appSecret: "meta-app-secret"))
    }
}
