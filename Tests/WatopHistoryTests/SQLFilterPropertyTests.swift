import Testing
import WatopHistory
import WatopSimulator

// Testable for `ForwardSummary`'s initializer: the outcomes the in-memory filter reads.
@testable import WatopCore

/// The filter compiled to SQL keeps exactly the events the filter in memory keeps: random
/// events in a real history database, random filters from the grammar, the two sets compared.
@Suite struct SQLFilterPropertyTests {
    static let now = UnixTime(milliseconds: 1_800_000_000_000)

    @Test func theDatabaseKeepsWhatTheFilterInMemoryKeeps() throws {
        var random = SeededRandom(seed: 21)
        let events = (0..<300).map { _ in Self.event(&random) }
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let (database, _) = try Self.database(holding: events, in: fixture)

        var compared = 0
        var nonTrivial = 0
        for _ in 0..<500 {
            let text = Self.filterText(&random)
            guard let filter = try? EventFilter(parsing: text, now: Self.now) else { continue }
            let expected = Set(events.indices.filter { filter.matches(events[$0]) }.map { Int64($0) })
            let found = try database.events(matching: SQLFilter(filter, dialect: .sqlite), newestFirst: true, limit: nil)
            #expect(Set(found.map(\.position)) == expected, "filter: \(text)")
            #expect(found.count == expected.count, "filter: \(text)")
            compared += 1
            if !expected.isEmpty && expected.count < events.count { nonTrivial += 1 }
        }
        // The grammar yields filters that parse, and most of them split the events.
        #expect(compared > 350)
        #expect(nonTrivial > compared / 3)
    }

    @Test func aForwardTermKeepsWhatTheFilterInMemoryKeeps() throws {
        var random = SeededRandom(seed: 16)
        let events = (0..<200).map { _ in Self.event(&random) }
        let fixture = HistoryFixture()
        defer { fixture.remove() }
        let (database, receiver) = try Self.database(holding: events, in: fixture)
        // Two requests in three were forwarded, each with the outcome of its latest attempt.
        let states: [ForwardState] = [.delivered, .refused, .failed, .queued, .deadLettered]
        let statuses: [Int?] = [nil, 200, 204, 302, 404, 429, 500, 503]
        var summaries: [ForwardSummary?] = []
        var outcomes: [ForwardOutcome] = []
        for position in events.indices {
            guard random.chance(0.67) else {
                summaries.append(nil)
                continue
            }
            let state = states.randomElement(using: &random)!
            let status = statuses.randomElement(using: &random)!
            summaries.append(
                ForwardSummary(
                    recordID: 1, firstSequence: 0, eventCount: 1, attempts: 1, state: state, status: UInt16(status ?? 0),
                    latencyMicroseconds: 0))
            outcomes.append(
                ForwardOutcome(
                    journalPosition: Int64(position), state: state, status: status, attempts: 1, latencyMicroseconds: 0,
                    attemptedAt: Self.now))
        }
        try database.write(outcomes, receiver: receiver)
        for text in ForwardCondition.names.map({ "fwd:\($0)" }) + ["-fwd:none", "-fwd:ok status:failed", "fwd:5xx|fwd:none"] {
            let filter = try EventFilter(parsing: text, now: Self.now)
            let expected = Set(events.indices.filter { filter.matches(events[$0], forward: summaries[$0]) }.map { Int64($0) })
            let found = try database.events(matching: SQLFilter(filter, dialect: .sqlite), newestFirst: true, limit: nil)
            #expect(Set(found.map(\.position)) == expected, "filter: \(text)")
            #expect(!expected.isEmpty, "filter: \(text) keeps nothing to compare")
        }
    }

    /// A history database holding `events`, one request each at positions 0, 1, …; and the receiver.
    static func database(holding events: [CallbackEvent], in fixture: HistoryFixture) throws -> (HistoryDatabase, Int64) {
        let database = try HistoryDatabase.open(path: fixture.databasePath)
        let receiver = try database.receiver(named: "test").id
        let requests = events.enumerated().map { index, event in
            JournaledRequest(
                position: Int64(index), receivedAt: event.receivedAt, format: event.format, client: nil,
                request: RawRequest(method: "GET", target: "/callback", headers: [], body: []), events: CallbackEvents(event))
        }
        try database.write(requests, receiver: receiver, upTo: Int64(events.count), bodyBytesKept: 0, now: Self.now)
        return (database, receiver)
    }

    @Test func termsAboutTheLiveMessageTableAreRefusedByName() throws {
        for text in ["stuck:", "status:sent age:>30m"] {
            let filter = try EventFilter(parsing: text, now: Self.now)
            #expect {
                try SQLFilter(filter, dialect: .sqlite)
            } throws: { error in
                (error as? FilterError)?.message.contains("need the live message table") == true
            }
        }
    }

    @Test func postgresNumbersItsPlaceholders() throws {
        let filter = try SQLFilter(EventFilter(parsing: "status:failed price>0.01", now: Self.now), dialect: .postgres)
        #expect(filter.whereClause.contains("$1") && filter.whereClause.contains("$3"))
        #expect(filter.parameters.count == 3)
    }

    // MARK: Events

    static let statuses: [DeliveryStatus] =
        [.sent, .delivered, .read, .failed, .notSent, .queued, .undelivered, .played, .partiallyDelivered]
        + ["Bogus", "pending_X", "50%_done", "nót-sent", "DELIVERED-ish"].map { DeliveryStatus.other($0) }

    /// Mixed case, non-ASCII letters, LIKE's own characters, numbers valid and not.
    static let texts = [
        "Hello", "hello world", "hÉllo", "ÉCOLE", "école", "50%", "a_b", "a\\b", "100%_sure", "ref-42", "Campaign_7",
        "Ünïcödé", "🙂 ok", "x", "ab", "AB",
    ]
    static let numbers = [
        "919876543210", "+919876543210", "14155550100", "+14155550100", "0123456789", "9112345678", "447700900123",
        "5511987654321", "8801712345678", "12345", "91987654321012345", "+", "91-98765-43210", "٩١٩٨٧٦٥٤٣٢١٠",
    ]
    static let prices = [
        "0", "0.5", "0.50", "0.0085", "12.50", "12", "123456789012345678.000000001", "0.000000001", "1", "999999.99",
        "0.01",
    ]

    static func event(_ random: inout SeededRandom) -> CallbackEvent {
        func maybe(_ pool: [String], _ chance: Double = 0.6) -> String? {
            random.chance(chance) ? pool.randomElement(using: &random)! : nil
        }
        let mobile = maybe(numbers, 0.7)
        let phoneNumber = random.chance(0.3) ? mobile : maybe(numbers, 0.3)
        return CallbackEvent(
            receivedAt: UnixTime(milliseconds: now.milliseconds - Int64.random(in: 0..<(3 * 86_400_000), using: &random)),
            format: CallbackFormat.allCases.randomElement(using: &random)!,
            transport: CallbackTransport.allCases.randomElement(using: &random)!,
            id: maybe(["wamid.ABC", "wamid.abc", "a:1", "b_2", "SM%x"] + texts, 1)!,
            status: statuses.randomElement(using: &random)!,
            message: maybe(texts), mobile: mobile, phoneNumber: phoneNumber, whatsappNumber: maybe(numbers, 0.5),
            error: maybe(texts, 0.3), errorCode: maybe(["131047", "131026", "0", "Abc_1"], 0.3),
            price: maybe(prices, 0.5).flatMap { ReportedPrice(parsing: $0) },
            customResponse: maybe(texts, 0.3), ref: maybe(texts, 0.4), ref1: maybe(texts, 0.2), ref2: maybe(texts, 0.2),
            pricingCategory: maybe(["marketing", "Utility", "authentication_international"], 0.4),
            pricingType: maybe(["regular", "free_customer_service"], 0.3),
            recipientKind: [RecipientKind.phoneNumber, .phoneNumber, .userID, .group].randomElement(using: &random)!)
    }

    // MARK: Filters

    static let fieldValues: [(field: String, values: [String])] = [
        ("status", ["failed", "not_sent", "Delivered", "del*", "*sent", "bogus", "BOGUS", "50%*", "*_*", "nót*", "*"]),
        ("to", ["91*", "+91*", "*3210", "9198*", "14155550100", "*"]),
        ("from", ["91*", "*0123", "*"]),
        ("code", ["131047", "131*", "abc_1", "*"]),
        ("ref", ["campaign*", "*-42", "a_b", "a\\b", "50%", "ÉCOLE", "école", "*É*", "*"]),
        ("id", ["wamid.*", "WAMID.ABC", "a:1", "b_2", "sm%x", "*"]),
        ("msg", ["hello*", "*É*", "*é*", "*%*", "*_*", "🙂*", "*o*"]),
        ("error", ["*", "hello", "*_*"]),
        ("category", ["marketing", "utility", "auth*"]),
        ("pricing", ["regular", "free_*"]),
        ("provider", ["kaleyra", "meta", "twilio", "k*", "*a*"]),
        ("format", ["kaleyra-v*", "meta", "twilio", "*-v2"]),
        ("country", ["IN", "+91", "+1", "US", "+911", "BR", "+44", "+880", "7", "+12"]),
        ("since", ["1h", "1d", "36h"]),
        ("after", ["2027-01-14", "10:00", "2027-01-15T00:00"]),
        ("before", ["2027-01-15", "12:00"]),
    ]
    static let words = [
        "hello", "É", "é", "50%", "a_b", "0.50", "0.5", "12", "12.00", "sent", "kal", "TWILIO", "v1", "91", "\"hello world\"",
        "\"🙂 ok\"", "\\", "%", "_", "\"\"", "0085", "bogus",
    ]

    static func filterText(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in
            let alternatives = (0..<(random.chance(0.25) ? 2 : 1)).map { _ in condition(&random) }
            return (random.chance(0.3) ? "-" : "") + alternatives.joined(separator: "|")
        }.joined(separator: " ")
    }

    static func condition(_ random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1:
            return words.randomElement(using: &random)!
        case 2:
            let comparison = [">", ">=", "<", "<=", "="].randomElement(using: &random)!
            return "price" + comparison + prices.randomElement(using: &random)!
        default:
            let (field, values) = fieldValues.randomElement(using: &random)!
            return field + ":" + values.randomElement(using: &random)!
        }
    }
}
