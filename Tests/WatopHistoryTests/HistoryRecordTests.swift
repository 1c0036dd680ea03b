import Testing
import WatopCore

@Suite struct HistoryRecordTests {
    @Test func everyFieldOfAnEventSurvivesARow() throws {
        let event = CallbackEvent(
            receivedAt: UnixTime(milliseconds: 1_764_000_000_123), format: .meta, transport: .json, method: "POST",
            id: "wamid.HBgM", status: .other("bogus-ish"), message: "héllo", mobile: "919876543210",
            phoneNumber: "919876543210", whatsappNumber: "918000000000", error: "Re-engagement message",
            errorCode: "131047", price: ReportedPrice(parsing: "123456789012345678.000000001"),
            timestamp: UnixTime(seconds: 1_764_000_000), customResponse: "x", ref: "campaign-7", ref1: "a", ref2: "b",
            pricingCategory: "marketing_lite", billable: false, pricingModel: "PMP", pricingType: "regular",
            recipientKind: .userID,
            errors: [
                ProviderError(code: "131047", title: "Re-engagement message", message: nil, details: "More than 24 hours"),
                ProviderError(code: "2", title: "\"quoted\"", message: "m", details: nil),
            ])
        let record = HistoryRecord(event)
        let back = try HistoryRecord(values: record.values).event()
        #expect(HistoryRecord(back) == record)
        #expect(back.price == event.price)
        #expect(back.errors == event.errors)
        #expect(back.status == .other("bogus-ish"))
        #expect(back.recipientKind == .userID)
        #expect(record[.priceUnits] == .integer(123_456_789_012_345_678))
        #expect(record[.priceNanos] == .integer(1))
    }

    @Test func absentFieldsAreNull() throws {
        let event = CallbackEvent(receivedAt: UnixTime(milliseconds: 5), transport: .query, id: "a:1", status: .sent)
        let record = HistoryRecord(event)
        #expect(record[.price] == .null)
        #expect(record[.billable] == .null)
        #expect(record[.errors] == .null)
        #expect(record[.status] == .text("sent"))
        let back = try record.event()
        #expect(back.price == nil && back.billable == nil && back.errors.isEmpty && back.timestamp == nil)
    }

    @Test func aRowOfTheWrongWidthIsRefused() {
        #expect(throws: HistoryRecordError.self) { try HistoryRecord(values: [.null]) }
    }
}
