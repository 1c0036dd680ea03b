import NIOCore
import NIOHTTP1
import NIOPosix
import Testing
import WatopCore
import WatopServer

/// The real listener on a free port, spoken to over real sockets.
@Suite struct CallbackListenerTests {
    static let query =
        "/callback?id=ad97e-c923-4:0&custom_response=false&timestamp=1710000042&mobile=91XXXXXXXX83"
        + "&message=Message%20delivered&status=delivered&phone_number=91XXXXXXXX83&error=&error_code="
        + "&ref=<ref>&ref1=<ref1>&ref2=<ref2>&price=0.01&whatsapp_number=91XXXXXXXX80"

    static let json = #"{"id": "j1:0", "status": "failed", "error": "Re-engagement message", "error_code": "131047","#
        + #" "price": "", "mobile": "919811111111", "whatsapp_number": "91XXXXXXXX80"}"#

    /// Runs `body` against a fresh listener and store, then shuts both down.
    private func withListener(
        maximumBodyBytes: Int = 64 * 1024,
        _ body: (TestHTTPClient, EventStore) async throws -> Void
    ) async throws {
        try await ListenerFixture.run(ListenerConfiguration(port: 0, maximumBodyBytes: maximumBodyBytes, threads: 2), body)
    }

    @Test func keepAliveConnectionCarriesGETAndPOSTCallbacks() async throws {
        try await withListener { client, store in
            let (responses, closed) = try await client.exchange([
                TestHTTPClient.get(Self.query),
                TestHTTPClient.post("/callback", body: Self.json),
                TestHTTPClient.post("/callback", body: "id=f1%3A0&status=read", method: "PUT",
                    contentType: "application/x-www-form-urlencoded"),
            ])
            #expect(responses.map(\.status) == [200, 200, 200])
            #expect(responses.allSatisfy { $0.body == "{\"ok\":true}\n" })
            #expect(!closed)
            let totals = store.snapshot().aggregates
            #expect(totals.accepted == 3)
            #expect(totals.statuses.count(of: .delivered) == 1 && totals.statuses.count(of: .failed) == 1 && totals.statuses.count(of: .read) == 1)
            #expect(totals.price.total.formatted() == "0.01")
            #expect(totals.errorCodes["131047"]?.lastErrorText == "Re-engagement message")
            #expect(totals.whatsappNumbers["91XXXXXXXX80"]?.statuses.total == 2)
        }
    }

    @Test func aListenerStartedClosedTakesConnectionsAndAnswersOnceOpened() async throws {
        let store = EventStore(capacity: 100, startedAt: .now())
        let listener = try await CallbackListener.start(
            configuration: ListenerConfiguration(port: 0, threads: 1), store: store, startsClosed: true)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = TestHTTPClient(group: group, port: listener.port)
        // The port is bound at once: the request is sent, and waits unread.
        let exchange = Task { try await client.exchange([TestHTTPClient.get(Self.query)]) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(store.snapshot().aggregates.accepted == 0)
        listener.open()
        let (responses, _) = try await exchange.value
        #expect(responses.map(\.status) == [200])
        #expect(store.snapshot().aggregates.accepted == 1)
        await listener.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withListener { client, store in
            for _ in 0..<3 {
                let (responses, closed) = try await client.exchange([TestHTTPClient.get(Self.query, close: true)])
                #expect(responses.map(\.status) == [200])
                #expect(responses.first?.headers["connection"].first == "close")
                #expect(closed)
            }
            #expect(store.acceptedCount == 3)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withListener { client, store in
            let requests = (0..<50).map { index in
                index % 5 == 4
                    ? TestHTTPClient.post("/callback", body: "{broken")
                    : TestHTTPClient.get("/callback?id=p\(index):0&status=sent")
            }
            let (responses, _) = try await client.exchange(requests)
            #expect(responses.map(\.status) == (0..<50).map { $0 % 5 == 4 ? 400 : 200 })
            #expect(store.acceptedCount == 40)
            var sequences: [String] = []
            store.snapshot().events.forEachOldestFirst { sequences.append($0.id) }
            #expect(sequences == (0..<50).filter { $0 % 5 != 4 }.map { "p\($0):0" })
        }
    }

    @Test func badInputGetsAOneLineJSONReasonAndIsCounted() async throws {
        try await withListener { client, store in
            let (responses, _) = try await client.exchange([
                TestHTTPClient.post("/callback", body: "{bad"),
                TestHTTPClient.get("/callback?status=sent"),
                TestHTTPClient.get("/callback?id=x:0&status=sent&price=free"),
            ])
            #expect(responses.map(\.status) == [400, 400, 400])
            #expect(responses[0].body.hasPrefix(#"{"error":"body is not valid JSON"#))
            #expect(responses[1].body == #"{"error":"missing \"id\" (the API message ID)"}"# + "\n")
            #expect(responses[2].body.contains(#"price \"free\""#))
            #expect(responses.allSatisfy { $0.body.filter { $0 == "\n" }.count == 1 })
            let totals = store.snapshot().aggregates
            #expect(totals.accepted == 0)
            #expect(totals.rejections == [.malformedBody: 1, .missingID: 1, .invalidPrice: 1])
        }
    }

    @Test func routesAnswer404And405WithAllowAndHealth() async throws {
        try await withListener { client, store in
            let (responses, _) = try await client.exchange([
                TestHTTPClient.get("/favicon.ico"),
                "DELETE /callback HTTP/1.1\r\nHost: x\r\n\r\n",
                TestHTTPClient.get("/healthz"),
            ])
            #expect(responses.map(\.status) == [404, 405, 200])
            #expect(responses[0].body.contains("callbacks go to /callback"))
            #expect(responses[1].headers["allow"].first == "GET, POST, PUT")
            #expect(responses[2].body == #"{"status":"ok","accepted":0}"# + "\n")
            #expect(store.snapshot().aggregates.rejections == [.unknownPath: 1, .methodNotAllowed: 1])
        }
    }

    @Test func oversizeBodiesGet413AndTheConnectionCloses() async throws {
        try await withListener(maximumBodyBytes: 1024) { client, store in
            let big = "{\"id\":\"x:0\",\"status\":\"sent\",\"pad\":\"" + String(repeating: "a", count: 2000) + "\"}"
            let (declared, declaredClosed) = try await client.exchange([TestHTTPClient.post("/callback", body: big)])
            #expect(declared.map(\.status) == [413])
            #expect(declaredClosed)
            let chunked = "POST /callback HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "400\r\n" + String(repeating: "b", count: 1024) + "\r\n"
                + "400\r\n" + String(repeating: "b", count: 1024) + "\r\n0\r\n\r\n"
            let (streamed, streamedClosed) = try await client.exchange([chunked])
            #expect(streamed.map(\.status) == [413])
            #expect(streamedClosed)
            #expect(store.snapshot().aggregates.rejections == [.bodyTooLarge: 2])
        }
    }

    @Test func bodiesBeyondTheSharedBudgetGet503AndGiveTheirBytesBack() async throws {
        var configuration = ListenerConfiguration(port: 0, maximumBodyBytes: 8192, threads: 1)
        let budget = BodyBudget(limit: 1500)
        configuration.bodyBudget = budget
        try await ListenerFixture.run(configuration) { client, store in
            let big = "{\"id\":\"x:0\",\"status\":\"sent\",\"pad\":\"" + String(repeating: "a", count: 2000) + "\"}"
            let (refused, closed) = try await client.exchange([TestHTTPClient.post("/callback", body: big)])
            #expect(refused.map(\.status) == [503])
            #expect(refused.first?.body.contains("--body-budget") == true)
            #expect(closed)
            let small = "{\"id\":\"x:0\",\"status\":\"sent\",\"pad\":\"" + String(repeating: "a", count: 1000) + "\"}"
            let (accepted, _) = try await client.exchange(Array(repeating: TestHTTPClient.post("/callback", body: small), count: 3))
            #expect(accepted.map(\.status) == [200, 200, 200])
            #expect(store.snapshot().aggregates.rejections == [.bodyBudgetSpent: 1])
            #expect(budget.inUse == 0)
        }
    }

    @Test func malformedHTTPIsRefusedAndCounted() async throws {
        try await withListener { client, store in
            let (responses, closed) = try await client.exchange(["NOT HTTP AT ALL\r\n\r\n"])
            #expect(responses.map(\.status) == [400])
            #expect(closed)
            #expect(store.snapshot().aggregates.rejections[.badHTTP] == 1)
        }
    }

    @Test func oversizeHeadersGet431AndTheConnectionCloses() async throws {
        try await withListener { client, store in
            let huge = "GET /callback?id=h:0&status=sent HTTP/1.1\r\nHost: x\r\nX-Pad: "
                + String(repeating: "p", count: 20_000) + "\r\n\r\n"
            let (responses, closed) = try await client.exchange([huge])
            #expect(responses.map(\.status) == [431])
            #expect(responses.first?.body.contains("larger than 16384 bytes") == true)
            #expect(closed)
            #expect(store.snapshot().aggregates.rejections == [.badHTTP: 1])
            #expect(store.acceptedCount == 0)
        }
    }

    @Test func anOversizeQueryGets431() async throws {
        try await withListener { client, store in
            let target = "/callback?id=q:0&status=sent&ref=" + String(repeating: "a", count: 20_000)
            let (responses, closed) = try await client.exchange([TestHTTPClient.get(target)])
            #expect(responses.map(\.status) == [431])
            #expect(closed)
            #expect(store.acceptedCount == 0)
        }
    }

    @Test func aBusyPortIsReportedInWords() async throws {
        let store = EventStore(capacity: 10, startedAt: .now())
        let first = try await CallbackListener.start(configuration: ListenerConfiguration(port: 0, threads: 1), store: store)
        await #expect {
            _ = try await CallbackListener.start(
                configuration: ListenerConfiguration(port: first.port, threads: 1), store: store)
        } throws: { error in
            "\(error)".contains("the port is in use")
        }
        await first.shutdown()
    }
}
