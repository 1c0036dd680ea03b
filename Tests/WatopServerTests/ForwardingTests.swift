import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
import WatopCore

@testable import WatopServer

/// An app that answers from a script, and remembers what it was sent.
private final class ScriptedApp: Forwarder {
    enum Reply {
        case answer(HTTPResponseStatus, headers: [(String, String)] = [], body: String = "")
        case failure(ForwardFailure)
    }

    private let state: NIOLockedValueBox<(replies: [Reply], received: [ForwardRequest])>

    init(_ replies: [Reply]) { state = NIOLockedValueBox((replies, [])) }

    var received: [ForwardRequest] { state.withLockedValue { $0.received } }

    func forward(_ request: ForwardRequest, on eventLoop: any EventLoop) -> EventLoopFuture<ForwardResponse> {
        let reply = state.withLockedValue { state in
            state.received.append(request)
            return state.replies.count > 1 ? state.replies.removeFirst() : state.replies[0]
        }
        switch reply {
        case .answer(let status, let headers, let body):
            return eventLoop.makeSucceededFuture(
                ForwardResponse(status: status, headers: HTTPHeaders(headers), body: ByteBuffer(string: body)))
        case .failure(let failure):
            return eventLoop.makeFailedFuture(failure)
        }
    }

    func shutdown() async {}
}

@Suite struct ForwardingTests {
    private struct Connection {
        let channel: EmbeddedChannel
        let store: EventStore

        init(app: ScriptedApp, access: AccessPolicy = .open, verifyToken: String? = nil) throws {
            var configuration = ListenerConfiguration(port: 0, threads: 1)
            configuration.access = access
            configuration.providerSecrets = ProviderSecrets(metaVerifyToken: verifyToken)
            configuration.forwarding = .init(target: try ForwardTarget("http://app.internal:9000/hooks/wa/"), forwarder: app)
            let loop = EmbeddedEventLoop()
            channel = EmbeddedChannel(loop: loop)
            store = EventStore(capacity: 100, forwardRecordsKept: 100, startedAt: .now())
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try channel.pipeline.syncOperations.addHandler(
                CallbackHTTPHandler(
                    store: store, configuration: configuration, limiter: nil,
                    forwarder: configuration.forwarding?.makeForwarder(loop)))
            try channel.connect(to: SocketAddress(ipAddress: "203.0.113.7", port: 40000)).wait()
        }

        /// Closes the channel, which lets go of its pipeline and the handler's timers: without
        /// this the connection and its store outlive the test.
        func close() {
            _ = try? channel.finish(acceptAlreadyClosed: true)
        }

        /// Sends `request` and returns the whole answer as text.
        func exchange(_ request: String) throws -> String {
            try channel.writeInbound(ByteBuffer(string: request))
            var text = ""
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += buffer.readString(length: buffer.readableBytes) ?? ""
            }
            return text
        }
    }

    @Test func aCallbackReachesTheAppAsItCameLessHopHeadersAndWatopsOwnCredentials() throws {
        let app = ScriptedApp([.answer(.accepted, headers: [("X-App", "yes"), ("Connection", "close")], body: "queued")])
        let connection = try Connection(app: app, access: AccessPolicy(credentials: [.token("s3cret")]))
        defer { connection.close() }
        let answer = try connection.exchange(
            "GET /callback?id=m1:0&status=sent&token=s3cret&ref=a HTTP/1.1\r\nHost: hooks.example.com\r\n"
                + "Authorization: Bearer s3cret\r\nX-Forwarded-For: 6.6.6.6\r\nKeep-Alive: timeout=5\r\n"
                + "Connection: keep-alive, X-Hop\r\nX-Hop: 1\r\nX-Hub-Signature-256: sha256=abc\r\nUser-Agent: Kaleyra\r\n\r\n")
        let sent = try #require(app.received.first)
        #expect(sent.method == .GET)
        #expect(sent.url == "http://app.internal:9000/hooks/wa?id=m1:0&status=sent&ref=a")
        #expect(sent.headers["authorization"].isEmpty)
        #expect(sent.headers["keep-alive"].isEmpty && sent.headers["connection"].isEmpty && sent.headers["x-hop"].isEmpty)
        #expect(sent.headers["x-hub-signature-256"] == ["sha256=abc"])
        #expect(sent.headers["user-agent"] == ["Kaleyra"])
        #expect(sent.headers["x-forwarded-for"] == ["203.0.113.7"])
        #expect(sent.headers["x-forwarded-proto"] == ["http"])
        #expect(sent.headers["x-forwarded-host"] == ["hooks.example.com"])
        // The provider gets the app's own answer, less what belongs to that hop.
        #expect(answer.hasPrefix("HTTP/1.1 202 Accepted\r\n"))
        #expect(answer.contains("X-App: yes\r\n") && !answer.contains("Connection: close"))
        #expect(answer.hasSuffix("\r\n\r\nqueued"))
        let snapshot = connection.store.snapshot()
        #expect(snapshot.aggregates.accepted == 1)
        let summary = try #require(snapshot.forwards?.summary(of: 1))
        #expect(summary.state == .delivered && summary.status == 202 && summary.attempts == 1)
        #expect(snapshot.forwards?.health.delivered == 1)
    }

    @Test func aRetryOfARequestTheAppRefusedIsAnotherAttemptNotAnotherCallback() throws {
        let app = ScriptedApp([.answer(.internalServerError, body: "db down"), .answer(.ok)])
        let connection = try Connection(app: app)
        defer { connection.close() }
        let request = "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 44\r\n\r\n"
            + #"{"id":"m2:0","status":"read","price":"0.50"}"#
        #expect(try connection.exchange(request).hasPrefix("HTTP/1.1 500 Internal Server Error"))
        #expect(try connection.exchange(request).hasPrefix("HTTP/1.1 200 OK"))
        #expect(app.received.count == 2)
        #expect(app.received.allSatisfy { $0.body.map { String(buffer: $0) } == #"{"id":"m2:0","status":"read","price":"0.50"}"# })
        let snapshot = connection.store.snapshot()
        #expect(snapshot.aggregates.accepted == 1)
        #expect(snapshot.aggregates.price.total.formatted() == "0.50")
        #expect(snapshot.forwards?.health.retriesRecognised == 1)
        let record = try #require(connection.store.forwardRecord(of: 1))
        #expect(record.attempts.map(\.status) == [500, 200])
        #expect(String(decoding: record.attempts[0].responseBody, as: UTF8.self) == "db down")
        // Once the app took it, the same bytes again are a new callback (a provider's duplicate).
        _ = try connection.exchange(request)
        #expect(connection.store.snapshot().aggregates.accepted == 2)
    }

    @Test(arguments: [
        (ForwardFailure(.unreachable, "connection refused"), "502 Bad Gateway"),
        (ForwardFailure(.timedOut, "no answer within 10 s"), "504 Gateway Timeout"),
    ])
    func anAppThatGivesNoAnswerIsAnswered502Or504SoTheProviderRetries(failure: ForwardFailure, status: String) throws {
        let connection = try Connection(app: ScriptedApp([.failure(failure)]))
        defer { connection.close() }
        let answer = try connection.exchange("GET /callback?id=m3:0&status=sent HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 \(status)\r\n"))
        #expect(answer.contains(failure.description))
        let snapshot = connection.store.snapshot()
        #expect(snapshot.aggregates.accepted == 1)
        #expect(snapshot.forwards?.summary(of: 1)?.state == .failed)
        #expect(snapshot.forwards?.health.failingSince != nil)
        #expect(snapshot.forwards?.health.lastProblem == failure.description)
    }

    @Test func whatWatopCannotReadStillReachesTheAppWhichDecides() throws {
        let app = ScriptedApp([.answer(.ok, body: "fine by me")])
        let connection = try Connection(app: app)
        defer { connection.close() }
        let answer = try connection.exchange(
            "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 33\r\n\r\n" + #"{"id":"m4:0","status":"sent","price":"1,5"}"#.prefix(33))
        #expect(answer.hasPrefix("HTTP/1.1 200 OK") && answer.hasSuffix("fine by me"))
        #expect(app.received.count == 1)
        let snapshot = connection.store.snapshot()
        #expect(snapshot.aggregates.accepted == 0)
        #expect(snapshot.aggregates.rejected == 1)
    }

    @Test func aWebhookWithSeveralStatusesIsForwardedOnce() throws {
        let app = ScriptedApp([.answer(.ok)])
        let connection = try Connection(app: app)
        defer { connection.close() }
        let body = #"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"#
            + #""messaging_product":"whatsapp","metadata":{"display_phone_number":"1555","phone_number_id":"1"},"#
            + #""statuses":[{"id":"wamid.1","status":"sent","timestamp":"1700000000","recipient_id":"9190"},"#
            + #"{"id":"wamid.2","status":"read","timestamp":"1700000001","recipient_id":"9191"}]}}]}]}"#
        _ = try connection.exchange(
            "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        #expect(app.received.count == 1)
        let snapshot = connection.store.snapshot()
        #expect(snapshot.aggregates.accepted == 2)
        #expect(snapshot.forwards?.summary(of: 1)?.eventCount == 2)
        #expect(snapshot.forwards?.summary(of: 2)?.recordID == snapshot.forwards?.summary(of: 1)?.recordID)
    }

    @Test func metasHandshakeGoesToTheAppUnlessWatopHasAVerifyToken() throws {
        let handshake = "GET /callback?hub.mode=subscribe&hub.verify_token=t&hub.challenge=42 HTTP/1.1\r\nHost: x\r\n\r\n"
        let app = ScriptedApp([.answer(.ok, body: "42")])
        let passing = try Connection(app: app)
        defer { passing.close() }
        #expect(try passing.exchange(handshake).hasSuffix("\r\n\r\n42"))
        #expect(app.received.count == 1)
        #expect(passing.store.snapshot().aggregates.rejected == 0)
        let answering = try Connection(app: app, verifyToken: "t")
        defer { answering.close() }
        #expect(try answering.exchange(handshake).hasSuffix("\r\n\r\n42"))
        #expect(app.received.count == 1)
    }

    @Test func theBaseURLKeepsItsPathAndRefusesWhatCannotWork() throws {
        #expect(try ForwardTarget("https://app.example.com").url(query: "a=1") == "https://app.example.com/?a=1")
        #expect(try ForwardTarget("http://[::1]:8081/in").url(query: "") == "http://[::1]:8081/in")
        for bad in ["ftp://x/", "http://", "http://x/?q=1", "http://u:p@x/", "app.example.com", "http://x:70000/"] {
            #expect(throws: ForwardTargetError.self) { try ForwardTarget(bad) }
        }
    }
}
