import Testing
import WatopCore

@testable import WatopSimulator

@Suite struct TrafficModelTests {
    private func callbacks(_ count: Int, seed: UInt64 = 7, method: TrafficProfile.Method = .mixed) -> [SimulatedCallback] {
        var profile = TrafficProfile()
        profile.seed = seed
        profile.method = method
        var model = TrafficModel(profile: profile, callbacksPerSecond: 100, start: UnixTime(seconds: 1_710_000_000))
        return (0..<count).map { _ in model.next() }
    }

    @Test func theSameSeedReplaysTheSameTraffic() {
        #expect(callbacks(2000, seed: 42) == callbacks(2000, seed: 42))
        #expect(callbacks(200, seed: 42) != callbacks(200, seed: 43))
    }

    @Test func everyRenderedCallbackIsAcceptedByTheParser() throws {
        for callback in callbacks(3000) {
            let request = callback.usesPOST
                ? RawRequest(method: "POST", target: "/callback", headers: [], body: Array(callback.jsonBody().utf8))
                : RawRequest(method: "GET", target: "/callback?" + callback.query(), headers: [], body: [])
            let event = try #require(try CallbackParser.parse(request, receivedAt: UnixTime(seconds: 1_710_000_000)).events.first)
            #expect(event.status.name == callback.value(of: .status))
            #expect(event.id.hasSuffix(":0") && event.id.count == 38)
            #expect(event.whatsappNumber == callback.value(of: .whatsappNumber))
            #expect(event.price?.formatted(minimumFractionDigits: 0) == callback.value(of: .price).map {
                ReportedPrice(parsing: $0)!.formatted(minimumFractionDigits: 0)
            })
        }
    }

    @Test func trafficHasEveryStatusRealFailuresAndMessyOrdering() throws {
        let traffic = callbacks(20_000)
        var statuses: [String: Int] = [:]
        var seenPerMessage: [String: [String]] = [:]
        for callback in traffic {
            let status = callback.value(of: .status)!
            statuses[status, default: 0] += 1
            seenPerMessage[callback.value(of: .id)!, default: []].append(status)
            if status == "failed" {
                let code = try #require(callback.value(of: .errorCode))
                #expect(ErrorCatalogue.meaning(of: code) != nil)
                #expect(callback.value(of: .error) != nil)
            }
            if callback.value(of: .price) != nil { #expect(status == "delivered") }
        }
        #expect(Set(statuses.keys) == ["sent", "delivered", "read", "failed", "not-sent"])
        let histories = Array(seenPerMessage.values)
        #expect(histories.contains { $0.firstIndex(of: "delivered") ?? 99 < $0.firstIndex(of: "sent") ?? -1 })
        #expect(histories.contains { Set($0).count < $0.count })
        #expect(traffic.contains { $0.usesPOST } && traffic.contains { !$0.usesPOST })
        #expect(traffic.contains { $0.value(of: .ref) != nil })
        #expect(Set(traffic.compactMap { $0.value(of: .whatsappNumber) }).count == 3)
    }

    @Test func methodCanBePinned() {
        #expect(callbacks(300, method: .get).allSatisfy { !$0.usesPOST })
        #expect(callbacks(300, method: .post).allSatisfy { $0.usesPOST })
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/callback", "127.0.0.1", 8080, "/callback"),
        ("http://localhost/cb?token=abc", "localhost", 80, "/cb?token=abc"),
        ("http://[::1]:9000", "::1", 9000, "/"),
    ])
    func urlsAreParsed(text: String, host: String, port: Int, target: String) throws {
        let url = try CallbackURL(parsing: text)
        #expect(url.host == host && url.port == port && url.target == target)
    }

    @Test(arguments: ["https://example.com/cb", "ftp://x", "http://:80/", "http://host:99999/", "http://host:abc/"])
    func badURLsAreRefusedByName(text: String) {
        #expect(throws: SimulationError.self) { try CallbackURL(parsing: text) }
    }
}
