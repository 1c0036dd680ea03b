import Testing

@testable import WatopCore

/// The compact storage behind `CallbackEvent`: every field reads back exactly as given.
@Suite struct EventFieldsTests {
    @Test func everyFieldReadsBackAsGiven() {
        let event = CallbackEvent(
            receivedAt: UnixTime(milliseconds: 1_710_000_000_123), format: .meta, transport: .json, method: "POST",
            id: "wamid.HBgLOTE5ODc2NTQzMjEwFQIAERgSQUFBQUFBQUFBQUFBQUFBAA==", status: .failed,
            message: "Message failed — नमस्ते 👋", mobile: "919876543210", phoneNumber: "919876543211",
            whatsappNumber: "918000000001", error: "Re-engagement message", errorCode: "131047",
            price: ReportedPrice(parsing: "0.0085"), timestamp: UnixTime(seconds: 1_710_000_042), customResponse: "false",
            ref: "campaign-7", ref1: "r1", ref2: "r2", pricingCategory: "marketing", billable: false)
        #expect(event.receivedAt == UnixTime(milliseconds: 1_710_000_000_123))
        #expect(event.format == .meta && event.transport == .json && event.method == "POST")
        #expect(event.id == "wamid.HBgLOTE5ODc2NTQzMjEwFQIAERgSQUFBQUFBQUFBQUFBQUFBAA==")
        #expect(event.status == .failed)
        #expect(event.message == "Message failed — नमस्ते 👋")
        #expect(event.mobile == "919876543210" && event.phoneNumber == "919876543211")
        #expect(event.whatsappNumber == "918000000001")
        #expect(event.error == "Re-engagement message" && event.errorCode == "131047")
        #expect(event.price == ReportedPrice(parsing: "0.0085"))
        #expect(event.timestamp == UnixTime(seconds: 1_710_000_042))
        #expect(event.customResponse == "false")
        #expect(event.ref == "campaign-7" && event.ref1 == "r1" && event.ref2 == "r2")
        #expect(event.pricingCategory == "marketing" && event.billable == false)
    }

    /// A phone number is stored as the mobile only when their bytes are the same: equal
    /// Strings (canonically equivalent) can differ in bytes, and each reads back as given.
    @Test func aPhoneNumberEqualToTheMobileOnlyAsAStringKeepsItsOwnBytes() {
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let event = CallbackEvent(
            receivedAt: UnixTime(seconds: 0), transport: .query, id: "p:0", status: .sent, mobile: precomposed,
            phoneNumber: decomposed)
        #expect(precomposed == decomposed)
        #expect(event.mobile.map { Array($0.utf8) } == Array(precomposed.utf8))
        #expect(event.phoneNumber.map { Array($0.utf8) } == Array(decomposed.utf8))
        let same = CallbackEvent(
            receivedAt: UnixTime(seconds: 0), transport: .query, id: "p:1", status: .sent, mobile: "919", phoneNumber: "919")
        #expect(same.phoneNumber == "919")
    }

    @Test func anEventIsThirtyTwoBytesInTheRing() {
        // A million are held at once: every byte here is a megabyte of resident memory.
        #expect(MemoryLayout<CallbackEvent>.stride == 32)
    }

    @Test func absentFieldsAreNil() {
        let event = CallbackEvent(receivedAt: Samples.receivedAt, transport: .query, id: "m:0", status: .sent)
        #expect(event.message == nil && event.mobile == nil && event.phoneNumber == nil && event.whatsappNumber == nil)
        #expect(event.error == nil && event.errorCode == nil && event.price == nil && event.timestamp == nil)
        #expect(event.customResponse == nil && event.ref == nil && event.ref1 == nil && event.ref2 == nil)
        #expect(event.pricingCategory == nil && event.billable == nil)
    }

    @Test(arguments: ["0", "0.000000001", "999999999999999999.999999999"])
    func pricesKeepEveryDigit(text: String) {
        let price = ReportedPrice(parsing: text)
        let event = CallbackEvent(receivedAt: Samples.receivedAt, transport: .query, id: "m:0", status: .sent, price: price)
        #expect(event.price == price)
    }

    @Test func anUnnamedStatusKeepsItsText() {
        let event = CallbackEvent(receivedAt: Samples.receivedAt, transport: .query, id: "m:0", status: .other("Deleted"))
        #expect(event.status == .other("Deleted"))
        #expect(event.statusCode == .other)
    }

    @Test func aPhoneNumberRepeatingTheMobileReadsBackAsBoth() {
        let event = CallbackEvent(
            receivedAt: Samples.receivedAt, transport: .query, id: "m:0", status: .sent, mobile: "919876543210",
            phoneNumber: "919876543210", whatsappNumber: "918000000001")
        #expect(event.mobile == "919876543210" && event.phoneNumber == "919876543210")
        #expect(event.whatsappNumber == "918000000001")
    }

    @Test func aHugeFieldIsCutOnACharacterBoundary() {
        // 65,534 ASCII bytes then a 4-byte emoji: the emoji would straddle the 65,535-byte limit.
        let message = String(repeating: "a", count: EventFields.maximumFieldBytes - 1) + "😀" + "tail"
        let event = CallbackEvent(
            receivedAt: Samples.receivedAt, transport: .json, id: "m:0", status: .sent, message: message, ref: "after")
        #expect(event.message == String(repeating: "a", count: EventFields.maximumFieldBytes - 1))
        #expect(event.ref == "after")
    }

    /// Lengths near the 16-bit limit in every field before the last: their sum is found past
    /// any 16-bit or 32-bit lane, and each field still reads back whole.
    @Test func fieldsAfterManyLongOnesReadBackWhole() {
        let long = { (letter: Character) in String(repeating: letter, count: EventFields.maximumFieldBytes - 3) }
        let event = CallbackEvent(
            receivedAt: Samples.receivedAt, transport: .json, id: long("i"), status: .sent, message: long("m"),
            mobile: long("n"), phoneNumber: long("p"), whatsappNumber: long("w"), error: long("e"), errorCode: long("c"),
            ref: long("r"), ref1: long("s"), ref2: long("t"), pricingCategory: "marketing")
        #expect(event.id == long("i") && event.message == long("m") && event.mobile == long("n"))
        #expect(event.phoneNumber == long("p") && event.whatsappNumber == long("w") && event.error == long("e"))
        #expect(event.errorCode == long("c") && event.ref == long("r") && event.ref1 == long("s") && event.ref2 == long("t"))
        #expect(event.pricingCategory == "marketing")
    }
}
