import Testing
import WatopCore

/// A failed message to a Mumbai number from the first WhatsApp number, with a price and refs.
private let failed = filterEvent(
    id: "ad97e3b1-c923-4a1b-b3a3-0b1c2d3e4d97:0", status: .failed, message: "Message failed",
    mobile: "919876543210", phoneNumber: "919876543210", whatsappNumber: "918000000001", error: "Re-engagement message",
    code: "131047", price: "0.0085", ref: "campaign-7", ref2: "Order-42")

/// A read message without price or error, with only `phone_number` set and a Hindi message.
private let read = filterEvent(
    id: "11111111-2222-3333-4444-555555555555:0", status: .read, message: "पढ़ लिया 📖",
    phoneNumber: "14155550100", whatsappNumber: "918000000002")

private let notSent = filterEvent(id: "99999999-0000-0000-0000-000000000000:1", status: .notSent, price: "0")
private let queued = filterEvent(id: "queued-1:0", status: .queued, mobile: "919800000000")

private func filterEvent(
    id: String, status: DeliveryStatus, message: String? = nil, mobile: String? = nil, phoneNumber: String? = nil,
    whatsappNumber: String? = nil, error: String? = nil, code: String? = nil, price: String? = nil, ref: String? = nil,
    ref2: String? = nil
) -> CallbackEvent {
    CallbackEvent(
        receivedAt: UnixTime(seconds: 1_710_000_000), transport: .query, id: id, status: status, message: message,
        mobile: mobile, phoneNumber: phoneNumber, whatsappNumber: whatsappNumber, error: error, errorCode: code,
        price: price.flatMap { ReportedPrice(parsing: $0) }, ref: ref, ref2: ref2)
}

private let all = [failed, read, notSent, queued]

/// One sent message per format, in `CallbackFormat` order: Kaleyra v1, Kaleyra v2, Meta, Twilio.
/// The ids name no format, so that a match can only come from the format itself.
private let oneOfEachFormat = zip(CallbackFormat.allCases, ["m1:0", "wamid.HBgLAAA", "wamid.HBgLBBB", "SM0123"]).map {
    CallbackEvent(
        receivedAt: UnixTime(seconds: 1_710_000_000), format: $0, transport: .json, method: "POST", id: $1,
        status: .sent)
}

/// Which of `events` the filter admits, by position in that list.
private func admitted(by text: String, among events: [CallbackEvent] = all) throws -> [Int] {
    let filter = try EventFilter(parsing: text, now: Samples.receivedAt)
    return events.indices.filter { filter.matches(events[$0]) }
}

@Suite struct FilterTests {
    @Test(
        "each filter admits exactly the expected events",
        arguments: [
            ("", [0, 1, 2, 3]),
            ("   ", [0, 1, 2, 3]),
            ("status:failed", [0]),
            ("STATUS:FAILED", [0]),
            ("status:not_sent", [2]),
            ("status:not-sent", [2]),
            ("status:queued", [3]),
            ("status:failed|not-sent", [0, 2]),
            ("status:failed|code:131047", [0]),
            ("status:read|to:9198*", [1, 0, 3].sorted()),
            ("status:*e*", [0, 1, 2, 3]),
            ("to:91987*", [0]),
            ("to:1415*", [1]),
            ("to:9198", []),
            ("to:*3210", [0]),
            ("to:9*8*0", [0, 3]),
            ("from:918000000002", [1]),
            ("from:*", [0, 1]),
            ("-from:*", [2, 3]),
            ("code:131047", [0]),
            ("code:1310*", [0]),
            ("ref:order-42", [0]),
            ("ref:campaign*", [0]),
            ("id:ad97e*", [0]),
            ("msg:*deliv*", []),
            ("error:*engagement*", [0]),
            ("price>0", [0]),
            ("price>=0", [0, 2]),
            ("price=0", [2]),
            ("price:0.0085", [0]),
            ("price<0.01", [0, 2]),
            ("price<=0.0085", [0, 2]),
            ("price>0.0085", []),
            ("-price>0", [1, 2, 3]),
            ("-status:read", [0, 2, 3]),
            ("-status:read -status:queued", [0, 2]),
            ("status:failed to:9198*", [0]),
            ("status:read to:9198*", []),
            ("failed", [0]),
            ("FAILED", [0]),
            ("ORDER", [0]),
            ("पढ़", [1]),
            ("📖", [1]),
            ("0085", [0]),
            ("queued|read", [1, 3]),
            ("\"message failed\"", [0]),
            ("-\"message failed\"", [1, 2, 3]),
            ("12:30", []),
        ] as [(String, [Int])])
    func admits(text: String, expected: [Int]) throws {
        #expect(try admitted(by: text) == expected)
    }

    @Test(
        "provider and format terms pick events by where they came from",
        arguments: [
            ("provider:twilio", [3]),
            ("provider:kaleyra", [0, 1]),
            ("-provider:kaleyra", [2, 3]),
            ("PROVIDER:Meta", [2]),
            ("provider:meta|twilio", [2, 3]),
            ("provider:k*", [0, 1]),
            ("format:kaleyra-v*", [0, 1]),
            ("format:kaleyra-v2", [1]),
            ("format:meta", [2]),
            ("-format:kaleyra-v1", [1, 2, 3]),
            ("format:*", [0, 1, 2, 3]),
            ("provider:kaleyra -format:kaleyra-v1", [1]),
            ("provider:kaleyra|format:meta", [0, 1, 2]),
            ("twilio", [3]),
            ("kaleyra", [0, 1]),
            ("v1", []),
        ] as [(String, [Int])])
    func admitsByFormat(text: String, expected: [Int]) throws {
        #expect(try admitted(by: text, among: oneOfEachFormat) == expected)
    }

    @Test(
        "a bad filter is refused with a message that names the problem",
        arguments: [
            ("stat:failed", "unknown field \"stat\""),
            ("price>abc", "price needs a plain decimal such as 0.01 (at most 9 decimals), not \"abc\""),
            ("price>", "price needs a number"),
            ("price>-1", "price takes no sign: reported prices are plain decimals of 0 or more"),
            ("price<+1", "price takes no sign"),
            ("price=0.0000000001", "price needs a plain decimal such as 0.01 (at most 9 decimals)"),
            ("status>1", "status cannot be compared with >"),
            ("status:", "status needs a value"),
            ("to:", "to needs a value"),
            ("-", "\"-\" needs a term after it"),
            ("failed -", "\"-\" needs a term after it"),
            ("status:failed||read", "empty alternative"),
            ("\"open", "missing closing quote"),
            ("provider:", "provider needs a value"),
            ("provider:kalyera", "no provider matches \"kalyera\" (providers: kaleyra, meta, twilio)"),
            ("format:kaleyra-v3", "no format matches \"kaleyra-v3\" (formats: kaleyra-v1, kaleyra-v2, meta, twilio)"),
            ("format:x*", "no format matches \"x*\""),
            ("provider>1", "provider cannot be compared with >"),
            ("country:", "country needs a value"),
            ("country:India", "country takes two letters or a calling code, as in country:IN or country:+91, not \"India\""),
            ("country:I*", "country takes two letters or a calling code"),
            ("country:+1234", "country:+1234 is no calling code"),
            ("country:+0", "country:+0 is no calling code"),
            ("country:QQ", "watop does not know the calling code of \"QQ\""),
            ("category:", "category needs a value"),
            ("category:mark.eting", "category takes a word of letters, digits and _, as in category:marketing; \".\""),
            ("pricing:free-entry", "pricing takes a word of letters, digits and _, as in pricing:regular; \"-\""),
            ("pricing>0", "pricing cannot be compared with >"),
        ])
    func refuses(text: String, problem: String) {
        #expect {
            _ = try EventFilter(parsing: text, now: Samples.receivedAt)
        } throws: { error in
            (error as? FilterError)?.message.hasPrefix(problem) == true
        }
    }

    @Test("a status watop does not name is remembered for the screen, unless negated or a wildcard")
    func unknownStatusNames() throws {
        #expect(try EventFilter(parsing: "status:bogus|failed", now: Samples.receivedAt).unknownStatusNames == ["bogus"])
        #expect(try EventFilter(parsing: "status:inbound", now: Samples.receivedAt).unknownStatusNames == ["inbound"])
        #expect(try EventFilter(parsing: "-status:bogus status:fail* status:not_sent", now: Samples.receivedAt).unknownStatusNames.isEmpty)
    }

    @Test("free text is found within one field, never across two that are stored side by side")
    func freeTextStaysInsideAField() throws {
        let event = filterEvent(id: "abc:0", status: .other("custom"), message: "Def", mobile: "919800000001", ref: "ghi")
        for word in ["ABC", "def", "00001", "ghi", "custom", "kaleyra"] {
            #expect(try admitted(by: word, among: [event]) == [0], "\(word)")
        }
        for word in [":0d", "0de", "01gh", "1ghi"] {  // each spans the end of one field and the next
            #expect(try admitted(by: word, among: [event]).isEmpty, "\(word)")
        }
    }

    @Test("the compiled filter keeps the text it was typed as, trimmed")
    func keepsText() throws {
        let filter = try EventFilter(parsing: "  status:failed  ", now: Samples.receivedAt)
        #expect(filter.text == "status:failed")
        #expect(!filter.isEmpty)
        #expect(EventFilter.everything.isEmpty)
    }

    @Test("every documented error code of Meta, Kaleyra and Twilio has a meaning, and an unknown code has none")
    func errorCatalogue() {
        let meta = ["131047", "131026", "130429", "132015", "368", "470", "4", "80007", "190"]
        let kaleyra = ["E110", "WAV2101", "WA400", "WA401", "WA500"]
        let twilio = [
            "63016", "63003", "63018", "63024", "63032", "63049", "30003", "30004", "30005", "30006",
            "30007", "30008", "21211", "21408", "21610", "21614",
        ]
        for code in meta + kaleyra + twilio {
            #expect(ErrorCatalogue.meaning(of: code) != nil, "\(code)")
        }
        #expect(ErrorCatalogue.meaning(of: "e110") == "Kaleyra: insufficient balance")
        #expect(ErrorCatalogue.meaning(of: "63016")?.contains("24-hour window") == true)
        #expect(ErrorCatalogue.meaning(of: "999999") == nil)
    }
}
