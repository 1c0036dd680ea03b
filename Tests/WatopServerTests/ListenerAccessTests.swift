import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
import WatopCore
import WatopServer

/// Access control against the real listener.
@Suite struct ListenerAccessTests {
    @Test func callbacksWithoutTheTokenGet401AreCountedAndNeverRecorded() async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.access = AccessPolicy(credentials: [.token("s3cret")])
        try await ListenerFixture.run(configuration) { client, store in
            let (responses, _) = try await client.exchange([
                TestHTTPClient.get("/callback?id=a:0&status=sent"),
                TestHTTPClient.get("/callback?id=b:0&status=sent&token=wrong"),
                TestHTTPClient.get("/callback?id=c:0&status=sent&token=s3cret"),
                "GET /callback?id=d:0&status=read HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n\r\n",
                TestHTTPClient.get("/healthz"),
            ])
            #expect(responses.map(\.status) == [401, 401, 200, 200, 200])
            #expect(responses[0].headers["www-authenticate"].first == "Bearer realm=\"watop\"")
            let snapshot = store.snapshot()
            #expect(snapshot.aggregates.accepted == 2)
            #expect(snapshot.aggregates.rejections == [.unauthorized: 2])
            var kept: [RawRequest] = []
            snapshot.events.forEachOldestFirst { event in store.request(of: event.sequence).map { kept.append($0) } }
            #expect(kept.map(\.target) == ["/callback?id=c:0&status=sent&token=[redacted]", "/callback?id=d:0&status=read"])
            #expect(!kept.contains { request in request.headers.contains { $0.value.contains("s3cret") } })
        }
    }

    @Test func theLastRefusedRequestOfEachReasonIsKeptWithItsCredentialsRedacted() async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.access = AccessPolicy(credentials: [.token("s3cret")])
        try await ListenerFixture.run(configuration) { client, store in
            let (responses, _) = try await client.exchange([
                TestHTTPClient.get("/callback?id=a:0&status=sent&token=first"),
                "GET /callback?id=b:0&status=sent HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrongsecret\r\n\r\n",
                TestHTTPClient.get("/callback?id=c:0&price=-1&token=s3cret"),
                TestHTTPClient.get("/elsewhere"),
            ])
            #expect(responses.map(\.status) == [401, 401, 400, 404])
            let kept = store.snapshot().lastRejected
            #expect(Set(kept.keys) == [.unauthorized, .missingStatus, .unknownPath])
            let unauthorized = try #require(kept[.unauthorized])
            #expect(unauthorized.message == "missing or wrong credentials for this endpoint")
            #expect(unauthorized.request?.target == "/callback?id=b:0&status=sent")
            #expect(unauthorized.request?.header("Authorization") == "[redacted]")
            #expect(kept[.missingStatus]?.request?.target == "/callback?id=c:0&price=-1&token=[redacted]")
            #expect(kept[.missingStatus]?.message.hasPrefix("missing \"status\"") == true)
        }
    }

    @Test func aClientOverItsRateLimitGets429() async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.rateLimit = 5
        try await ListenerFixture.run(configuration) { client, store in
            let (responses, _) = try await client.exchange(
                (0..<8).map { TestHTTPClient.get("/callback?id=r\($0):0&status=sent") })
            // A burst of five fits the budget (refill during the burst could admit one more).
            #expect(responses.prefix(5).allSatisfy { $0.status == 200 })
            #expect(responses.last?.status == 429)
            #expect(responses.last?.headers["retry-after"].first == "1")
            #expect(store.acceptedCount + (store.snapshot().aggregates.rejections[.rateLimited] ?? 0) == 8)
        }
    }
}
