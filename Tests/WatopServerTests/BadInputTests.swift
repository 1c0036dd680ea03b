import Glibc
import NIOCore
import NIOPosix
import Testing
import WatopCore
import WatopServer

/// Hostile and malformed input against the real listener: every request gets a clear answer
/// or a clean close, the listener keeps serving, and only valid callbacks are counted.
@Suite struct BadInputTests {
    private func withListener(_ body: (TestHTTPClient, EventStore) async throws -> Void) async throws {
        try await ListenerFixture.run { client, store in
            try await body(client, store)
            // Whatever came before, the listener still takes a good callback.
            let (after, _) = try await client.exchange([TestHTTPClient.get("/callback?id=after:0&status=read")])
            #expect(after.map(\.status) == [200])
        }
    }

    private func post(_ body: [UInt8], contentType: String = "application/json") -> [UInt8] {
        Array("POST /callback HTTP/1.1\r\nHost: x\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
            + body
    }

    @Test func invalidUTF8InQueryAndBodyBecomesReplacementCharacters() async throws {
        try await withListener { client, store in
            let query = Array("GET /callback?id=u%FF%FE:0&status=sent&message=caf%C3 HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            let body = post(Array(#"{"id":"j:0","status":"sent","message":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
            let (responses, _) = try await client.exchange(bytes: query + body, expecting: 2)
            #expect(responses.map(\.status) == [200, 200])
            var messages: [String?] = []
            store.snapshot().events.forEachOldestFirst { messages.append($0.message) }
            #expect(messages == ["caf\u{FFFD}", "\u{FFFD}("])
        }
    }

    @Test func malformedBodiesAreRefusedWithTheirReason() async throws {
        try await withListener { client, store in
            let bodies: [(String, String)] = [
                (#"{"id":"t:0","status":"sent""#, "body is not valid JSON"),
                ("[1,2,3]", "JSON body must be an object, got an array"),
                ("42", "JSON body must be an object, got a number"),
                (String(repeating: "[", count: 60_000), "nested deeper than 64 levels"),
                (#"{"id":{"x":1},"status":"sent"}"#, #"field \"id\" must be a string, number or boolean"#),
            ]
            let (responses, _) = try await client.exchange(
                bytes: bodies.flatMap { post(Array($0.0.utf8)) }, expecting: bodies.count)
            #expect(responses.map(\.status) == Array(repeating: 400, count: bodies.count))
            for (response, expected) in zip(responses, bodies.map(\.1)) {
                #expect(response.body.contains(expected), "\(response.body)")
            }
            #expect(store.acceptedCount == 0)
            #expect(store.snapshot().aggregates.rejections == [.malformedBody: bodies.count])
        }
    }

    @Test func duplicateKeysKeepTheLastValueAndNumbersAreAccepted() async throws {
        try await withListener { client, store in
            let body = #"{"id":"d:0","status":"sent","status":"read","price":0.5,"custom_response":false}"#
            let (responses, _) = try await client.exchange(bytes: post(Array(body.utf8)), expecting: 1)
            #expect(responses.map(\.status) == [200])
            var events: [(DeliveryStatus, String?)] = []
            store.snapshot().events.forEachOldestFirst { events.append(($0.status, $0.price?.formatted())) }
            #expect(events.first?.0 == .read)
            #expect(events.first?.1 == "0.50")
        }
    }

    @Test func badPercentEncodingIsKeptAsItIs() async throws {
        try await withListener { client, store in
            let (responses, _) = try await client.exchange([TestHTTPClient.get("/callback?id=p:0&status=sent&ref=50%zz%")])
            #expect(responses.map(\.status) == [200])
            var refs: [String?] = []
            store.snapshot().events.forEachOldestFirst { refs.append($0.ref) }
            #expect(refs == ["50%zz%"])
        }
    }

    @Test func conflictingOrAbsurdContentLengthsAreRefused() async throws {
        try await withListener { client, store in
            let conflicting = "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nid=a&status=sent"
            let (first, firstClosed) = try await client.exchange([conflicting], expecting: 1)
            #expect(first.map(\.status) == [400])
            #expect(firstClosed)
            let absurd = "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{"
            let (second, secondClosed) = try await client.exchange([absurd], expecting: 1)
            #expect(second.map(\.status) == [413])
            #expect(secondClosed)
            #expect(store.acceptedCount == 0)
        }
    }

    @Test func chunkedBodiesAndHTTP10AreServed() async throws {
        try await withListener { client, store in
            let chunked = "POST /callback HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\nid=c:0&sta\r\n" + "a\r\ntus=failed\r\n0\r\n\r\n"
            let (responses, _) = try await client.exchange([chunked])
            #expect(responses.map(\.status) == [200])
            let (old, oldClosed) = try await client.exchange(["GET /callback?id=h:0&status=sent HTTP/1.0\r\n\r\n"])
            #expect(old.map(\.status) == [200])
            #expect(oldClosed)
            let (kept, keptClosed) = try await client.exchange(
                ["GET /callback?id=k:0&status=sent HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"])
            #expect(kept.map(\.status) == [200])
            #expect(kept.first?.headers["connection"].first == "keep-alive")
            #expect(!keptClosed)
            #expect(store.acceptedCount == 3)
        }
    }

    @Test func aClientThatHangsUpMidBodyLeavesNoEvent() async throws {
        try await withListener { client, store in
            try await client.abandon(
                after: Array("POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"id\":\"half".utf8))
            try await Task.sleep(for: .milliseconds(100))
            #expect(store.acceptedCount == 0)
        }
    }

    /// A listener whose requests must arrive in full within 1 s.
    private func withOneSecondRequestTimeout(_ body: (TestHTTPClient, EventStore) async throws -> Void) async throws {
        var configuration = ListenerConfiguration(port: 0, threads: 1)
        configuration.requestTimeoutSeconds = 1
        try await ListenerFixture.run(configuration, body)
    }

    /// Sends `prefix` whole, then trickles `bytes` 50 ms apart: only the timeout can answer,
    /// since the whole request would take far longer than 1 s at that pace.
    private func expectCutOffWith408(trickling bytes: String, after prefix: String = "") async throws {
        try await withOneSecondRequestTimeout { client, store in
            let answer = try await client.trickle(Array(bytes.utf8), after: Array(prefix.utf8), interval: .milliseconds(50))
            #expect(answer.hasPrefix("408 {\"error\":\"request not complete within 1 s\"}"))
            #expect(store.acceptedCount == 0)
        }
    }

    @Test func aSlowlorisClientIsCutOffWith408() async throws {
        try await expectCutOffWith408(
            trickling: "GET /callback?id=slow:0&status=sent&ref=\(String(repeating: "x", count: 200)) HTTP/1.1\r\n\r\n")
    }

    @Test func aTrickledBodyIsCutOffWith408Too() async throws {
        let body = "{\"id\":\"slow:0\",\"status\":\"sent\",\"ref\":\"\(String(repeating: "x", count: 200))\"}"
        try await expectCutOffWith408(
            trickling: body, after: "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
    }

    @Test func aKeptAliveConnectionMayWaitLongerThanTheRequestTimeoutBetweenRequests() async throws {
        try await withOneSecondRequestTimeout { client, store in
            let answers = try await client.exchange(
                [TestHTTPClient.get("/callback?id=a:0&status=sent"), TestHTTPClient.get("/callback?id=a:0&status=read")],
                pausingBetween: .milliseconds(1_600))
            #expect(answers.map(\.status) == [200, 200])
            #expect(store.acceptedCount == 2)
        }
    }

    @Test func manyConcurrentConnectionsAreAllAnswered() async throws {
        try await withListener { client, store in
            // 5,000 at once, as many as the descriptor limit allows (two descriptors each here).
            var limit = rlimit()
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            let connections = min(5000, (Int(limit.rlim_cur) - 200) / 2)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<connections {
                    group.addTask {
                        let (responses, _) = try await client.exchange(
                            [TestHTTPClient.get("/callback?id=c\(index):0&status=delivered", close: true)])
                        return responses.first?.status ?? 0
                    }
                }
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses.count == connections && statuses.allSatisfy { $0 == 200 })
            }
            #expect(store.acceptedCount == connections)
        }
    }
}
