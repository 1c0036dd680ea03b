import NIOHTTP1
import Testing
import WatopCore
@testable import WatopServer

@Suite struct ProviderWebhookTests {
    static let signedMetaBody = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"metadata":{"display_phone_number":"15550001111"},"statuses":[{"id":"wamid.S1","status":"sent","timestamp":"1700000000","recipient_id":"15559990000"}]}}]}]}"#
    static let metaSignature = "sha256=bfa1f7fb24d1393c23ad67ee661e8fc8b4952c482003d3c4d431f5e0854cc7ec"
    static let twilioBody =
        "MessageSid=SM1&MessageStatus=delivered&To=whatsapp%3A%2B919800000001&From=whatsapp%3A%2B14155238886"

    static func request(_ method: String, _ target: String, headers: [String] = [], body: String = "") -> String {
        "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n" + headers.map { $0 + "\r\n" }.joined()
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func configuration(_ change: (inout ListenerConfiguration) -> Void = { _ in }) -> ListenerConfiguration {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        change(&configuration)
        return configuration
    }

    @Test func theVerificationHandshakeEchoesTheChallengeOnlyForTheRightToken() async throws {
        let configuration = Self.configuration { $0.providerSecrets.metaVerifyToken = "let-me-in" }
        try await ListenerFixture.run(configuration) { client, store in
            let answers = try await client.exchange([
                Self.request("GET", "/callback?hub.mode=subscribe&hub.verify_token=let-me-in&hub.challenge=1158201444"),
                Self.request("GET", "/callback?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444"),
                Self.request("GET", "/callback?hub.mode=subscribe&hub.verify_token=let-me-in&hub.challenge=%3Cscript%3E"),
            ]).responses
            #expect(answers.map(\.status) == [200, 403, 400])
            #expect(answers[0].body == "1158201444")
            #expect(answers[0].headers["content-type"] == ["text/plain; charset=utf-8"])
            #expect(answers[1].body.contains("does not match --meta-verify-token"))
            let snapshot = store.snapshot()
            #expect(snapshot.aggregates.accepted == 0 && snapshot.aggregates.rejections[.verificationRefused] == 2)
        }
    }

    @Test func withoutAVerifyTokenTheHandshakeIsRefused() async throws {
        try await ListenerFixture.run { client, _ in
            let answer = try await client.exchange([
                Self.request("GET", "/callback?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1")
            ]).responses[0]
            #expect(answer.status == 403 && answer.body.contains("without --meta-verify-token"))
        }
    }

    @Test func aMetaAppSecretRequiresTheSignature() async throws {
        let configuration = Self.configuration { $0.providerSecrets.metaAppSecret = "meta-app-secret" }
        try await ListenerFixture.run(configuration) { client, store in
            let answers = try await client.exchange([
                Self.request("POST", "/callback", headers: ["X-Hub-Signature-256: \(Self.metaSignature)"], body: Self.signedMetaBody),
                Self.request("POST", "/callback", body: Self.signedMetaBody),
                Self.request("POST", "/callback", headers: ["X-Hub-Signature-256: \(Self.metaSignature)"],
                    body: Self.signedMetaBody.replacingOccurrences(of: "sent", with: "read")),
                // Kaleyra v1 callbacks are not Meta's to sign.
                Self.request("GET", "/callback?id=v1:0&status=sent"),
            ]).responses
            #expect(answers.map(\.status) == [200, 401, 401, 200])
            let snapshot = store.snapshot()
            #expect(snapshot.events.oldestFirst.map(\.id) == ["wamid.S1", "v1:0"])
            #expect(snapshot.aggregates.rejections[.badSignature] == 2)
        }
    }

    @Test func aTwilioAuthTokenRequiresTheSignatureOverTheCalledURL() async throws {
        let direct = Self.configuration { $0.providerSecrets.twilioAuthToken = "twilio-token" }
        try await ListenerFixture.run(direct) { client, store in
            let answers = try await client.exchange([
                Self.request("POST", "/callback", headers: ["X-Twilio-Signature: VR1cup65l1Qo/SXmtXR1HICxvMA="], body: Self.twilioBody),
                Self.request("POST", "/callback", headers: ["X-Twilio-Signature: VyeOn93HH2xLGlnIsCNnxmNrL1k="], body: Self.twilioBody),
                Self.request("POST", "/callback", body: Self.twilioBody),
            ]).responses
            #expect(answers.map(\.status) == [200, 401, 401])
            #expect(store.snapshot().events.oldestFirst.map(\.status) == [.delivered])
        }
        let proxied = Self.configuration {
            $0.providerSecrets.twilioAuthToken = "twilio-token"
            $0.providerSecrets.publicURL = "https://hooks.example.com"
        }
        try await ListenerFixture.run(proxied) { client, _ in
            let answer = try await client.exchange([
                Self.request("POST", "/callback", headers: ["X-Twilio-Signature: VyeOn93HH2xLGlnIsCNnxmNrL1k="], body: Self.twilioBody)
            ]).responses[0]
            #expect(answer.status == 200)
        }
    }

    @Test func aWebhookWithSeveralItemsIsAnsweredWithWhatWasAcceptedAndRefused() async throws {
        let meta = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":"w1","status":"sent"},{"status":"read"},{"id":"w2","status":"delivered"}]}}]}]}"#
        let allBad = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"status":"read"},{"id":"w3"}]}}]}]}"#
        let other = #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{}}]}]}"#
        try await ListenerFixture.run { client, store in
            let answers = try await client.exchange([
                Self.request("POST", "/callback", body: meta),
                Self.request("POST", "/callback", body: allBad),
                Self.request("POST", "/callback", body: other),
            ]).responses
            #expect(answers.map(\.status) == [200, 400, 200])
            #expect(answers[0].body == #"{"ok":true,"accepted":2,"refused":1,"reasons":["entry[0].changes[0].value.statuses[1]: missing \"id\""]}"# + "\n")
            #expect(answers[1].body.contains(#"statuses[0]: missing \"id\" (and 1 more refused items)"#))
            #expect(answers[2].body == #"{"ok":true,"accepted":0,"refused":0}"# + "\n")
            let totals = store.snapshot().aggregates
            #expect(totals.accepted == 2 && totals.accepted(in: .meta) == 2)
            #expect(totals.rejections == [.missingID: 2, .missingStatus: 1])
            #expect(totals.ignoredChanges == 1)
        }
    }

    @Test func theTrailingCommaQuirkIsNamedInTheAnswerAndCounted() async throws {
        let body = #"{"meta_object":{"value":{"statuses":[{"id":"w9","status":"sent",}]}},"extra_info":{"ref":"r",},}"#
        try await ListenerFixture.run { client, store in
            let answer = try await client.exchange([Self.request("POST", "/callback", body: body)]).responses[0]
            #expect(answer.status == 200 && answer.body.contains(#""tolerated":["trailing-comma"]"#))
            #expect(store.snapshot().aggregates.quirks == [.trailingComma: 1])
        }
    }

    @Test func aPinnedFormatRefusesOthersWithTheReason() async throws {
        try await ListenerFixture.run(Self.configuration { $0.format = .twilio }) { client, _ in
            let answers = try await client.exchange([
                Self.request("GET", "/callback?id=a:0&status=sent"),
                Self.request("POST", "/callback", body: Self.twilioBody),
            ]).responses
            #expect(answers.map(\.status) == [400, 200])
            #expect(answers[0].body.contains("expected a twilio callback (--format), but this request is kaleyra-v1"))
        }
    }
}
