import Testing
import WatopCore

@testable import WatopSimulator

/// The traffic model in general, and its Kaleyra v1 traffic.
@Suite struct TrafficModelTests {
    static let formatChoices: [[CallbackFormat]] = CallbackFormat.allCases.map { [$0] } + [CallbackFormat.allCases]

    @Test(arguments: formatChoices)
    func theSameSeedReplaysTheSameTraffic(formats: [CallbackFormat]) {
        let traffic = simulatedRequests(2000, seed: 42, formats: formats)
        #expect(traffic == simulatedRequests(2000, seed: 42, formats: formats))
        #expect(Array(traffic.prefix(200)) != simulatedRequests(200, seed: 43, formats: formats))
    }

    /// A seed stands for the same traffic in every version, so that runs can be compared across
    /// versions: new formats must not change what a seed sends in Kaleyra v1.
    @Test func kaleyraV1TrafficOfASeedNeverChanges() throws {
        let traffic = simulatedRequests(2000, seed: 1)
        #expect(
            traffic[1].payload == .query(
                "id=52147fbc-5b62-4cf3-aba9-bb618775730e%3A0&custom_response=false&timestamp=1710000000"
                    + "&mobile=919810000311&message=Message%20sent&status=sent&phone_number=919810000311&error="
                    + "&error_code=&ref=&ref1=order-162486&ref2=&price=&whatsapp_number=918027464541"))
        #expect(fingerprint(traffic) == 0xa144_aadb_6f47_31d5)
    }

    @Test func trafficHasEveryStatusRealFailuresAndMessyOrdering() throws {
        let traffic = simulatedRequests(20_000)
        var statuses: [String: Int] = [:]
        var seenPerMessage: [String: [String]] = [:]
        var events: [CallbackEvent] = []
        let offeredPrices = KaleyraV1Rendering.prices.map { ReportedPrice(parsing: $0)?.formatted(minimumFractionDigits: 0) }
        for request in traffic {
            let event = try #require(try request.parsed().events.first)
            events.append(event)
            statuses[event.status.name, default: 0] += 1
            seenPerMessage[event.id, default: []].append(event.status.name)
            if event.status == .failed {
                let code = try #require(event.errorCode)
                #expect(ErrorCatalogue.meaning(of: code) != nil)
                #expect(event.error != nil)
            }
            if let price = event.price?.formatted(minimumFractionDigits: 0) {
                #expect(event.status == .delivered)
                #expect(offeredPrices.contains(price))
            }
        }
        #expect(Set(statuses.keys) == ["sent", "delivered", "read", "failed", "not-sent"])
        let histories = Array(seenPerMessage.values)
        #expect(histories.contains { $0.firstIndex(of: "delivered") ?? 99 < $0.firstIndex(of: "sent") ?? -1 })
        #expect(histories.contains { Set($0).count < $0.count })
        #expect(traffic.contains { $0.body != nil } && traffic.contains { $0.body == nil })
        #expect(events.contains { $0.ref != nil })
        #expect(events.contains { $0.price != nil })
        #expect(Set(events.compactMap(\.whatsappNumber)).count == 3)
    }

    /// The share of messages, among those begun in the first half of the traffic (whose later
    /// statuses have had time to come), that reported nothing but `sent`.
    private func shareLeftInSent(stuckRate: Double) throws -> Double {
        var profile = TrafficProfile()
        profile.seed = 7
        profile.stuckRate = stuckRate
        var model = TrafficModel(profile: profile, callbacksPerSecond: 100, start: UnixTime(seconds: 1_710_000_000))
        let count = 20_000
        var statuses: [String: Set<String>] = [:]
        var begunEarly: Set<String> = []
        for index in 0..<count {
            let event = try #require(try model.next().parsed().events.first)
            if statuses[event.id] == nil, index < count / 2 { begunEarly.insert(event.id) }
            statuses[event.id, default: []].insert(event.status.name)
        }
        let leftInSent = begunEarly.filter { statuses[$0] == ["sent"] }
        return Double(leftInSent.count) / Double(begunEarly.count)
    }

    @Test func aShareOfMessagesCanBeLeftInSentAndNoneByDefault() throws {
        #expect(try shareLeftInSent(stuckRate: 0) == 0)
        let share = try shareLeftInSent(stuckRate: 0.05)
        #expect(share > 0.035 && share < 0.065, "left in sent: \(share)")
        #expect(try shareLeftInSent(stuckRate: 0.05) == share)
    }

    @Test func methodCanBePinned() {
        #expect(simulatedRequests(300, method: .get).allSatisfy { $0.body == nil })
        #expect(simulatedRequests(300, method: .post).allSatisfy { $0.body != nil })
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

    /// FNV-1a over every request's method and payload.
    private func fingerprint(_ traffic: [SimulatedRequest]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for request in traffic {
            let text = switch request.payload {
            case .query(let query): "GET " + query + "\n"
            case .body(let body, _): "POST " + body + "\n"
            }
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return hash
    }
}
