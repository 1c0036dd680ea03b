import Testing
@testable import WatopCore

/// Recipients of several countries and kinds, and Meta's pricing on some.
private let events = [
    event(id: "in:0", mobile: "919876543210", category: "marketing", type: "regular"),
    event(id: "us:0", mobile: "+14155550100", category: "utility", type: "free_customer_service"),
    event(id: "bd:0", mobile: "8801712345678", category: "authentication_international", type: "regular"),
    event(id: "user:0", mobile: "US.13491208655302741918", kind: .userID),
    event(id: "ci:0", phone: "2250701020304"),
    event(id: "short:0", mobile: "12345"),
]

private func event(
    id: String, mobile: String? = nil, phone: String? = nil, category: String? = nil, type: String? = nil,
    kind: RecipientKind = .phoneNumber
) -> CallbackEvent {
    CallbackEvent(
        receivedAt: UnixTime(seconds: 1_760_000_000), format: .meta, transport: .json, method: "POST", id: id,
        status: .delivered, mobile: mobile, phoneNumber: phone, pricingCategory: category, pricingModel: type.map { _ in "PMP" },
        pricingType: type, recipientKind: kind)
}

private func admitted(by text: String) throws -> [String] {
    let filter = try EventFilter(parsing: text, now: Samples.receivedAt)
    return events.filter { filter.matches($0) }.map(\.id)
}

@Suite struct CountryAndPricingFilterTests {
    @Test(
        "country, category and pricing terms admit exactly the expected events",
        arguments: [
            ("country:IN", ["in:0"]),
            ("country:in", ["in:0"]),
            ("country:+91", ["in:0"]),
            ("country:91", ["in:0"]),
            ("country:CA", ["us:0"]),
            ("country:BD", ["bd:0"]),
            ("country:+225", ["ci:0"]),
            ("country:+999", []),
            ("country:IN|BD", ["in:0", "bd:0"]),
            ("-country:IN", ["us:0", "bd:0", "user:0", "ci:0", "short:0"]),
            ("category:marketing", ["in:0"]),
            ("category:MARKETING", ["in:0"]),
            ("category:auth*", ["bd:0"]),
            ("category:*", ["in:0", "us:0", "bd:0"]),
            ("pricing:regular", ["in:0", "bd:0"]),
            ("pricing:free_*", ["us:0"]),
            ("-pricing:regular", ["us:0", "user:0", "ci:0", "short:0"]),
            ("pricing:regular country:BD", ["bd:0"]),
        ] as [(String, [String])])
    func admits(text: String, expected: [String]) throws {
        #expect(try admitted(by: text) == expected)
    }

    @Test("a number's calling code is read by the E.164 prefix code, whether or not the table names its country")
    func callingCodes() {
        func code(_ number: String) -> String? {
            number.withUTF8Bytes { CallingCode(number: $0) }?.description
        }
        #expect(code("919876543210") == "+91 IN")
        #expect(code("+14155550100") == "+1 US/CA")
        #expect(code("79161234567") == "+7 RU/KZ")
        #expect(code("447700900123") == "+44 GB")
        #expect(code("8801712345678") == "+880 BD")
        #expect(code("6855551234") == "+685")
        #expect(code("0919876543") == nil)
        #expect(code("12345") == nil)
        #expect(code("9198765x3210") == nil)
        #expect(code("1234567890123456") == nil)
    }
}
