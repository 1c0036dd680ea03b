import Testing
@testable import WatopCore

@Suite struct ProviderFormatTests {
    @Test func kaleyrasPublishedV2SampleIsAcceptedWithItsTrailingCommaCounted() throws {
        let batch = try ProviderSamples.parse(ProviderSamples.post(ProviderSamples.kaleyraV2Published))
        #expect(batch.format == .kaleyraV2)
        #expect(batch.quirks == [.trailingComma])
        #expect(batch.rejectedItems.isEmpty)
        let event = try #require(batch.events.first)
        #expect(batch.events.count == 1)
        #expect(event.id == "wamid.HBgMOTE5NDgwMDAwMDAxFQIAERgSQjU2QTNGNzQwMkM5RjlFNjY3AA==")
        #expect(event.status == .sent)
        #expect(event.recipient == "919480000001")
        #expect(event.whatsappNumber == "918000000001")
        #expect(event.timestamp == UnixTime(seconds: 1_722_834_665))
        #expect(event.pricingCategory == "marketing")
        #expect(event.billable == true)
        #expect(event.ref == "order-1234" && event.ref1 == "campaign-7" && event.ref2 == nil)
        #expect(event.format.provider == "kaleyra")
    }

    @Test(arguments: [
        // Two commas in a row, a comma before the first member, and an unclosed object are not
        // the tolerated quirk: they are garbage.
        #"{"meta_object":{"value":{"statuses":[]}},,"status":"sent"}"#,
        #"{,"meta_object":{}}"#,
        #"{"meta_object":{"value":{"statuses":[{"id":"w1","status":"sent"},]}}"#,
        #"{"meta_object":[1,2,]"#,
    ])
    func realGarbageIsStillRefused(body: String) {
        #expect(throws: CallbackRejection.self) { try ProviderSamples.parse(ProviderSamples.post(body)) }
    }

    @Test func aStrictlyValidV2BodyHasNoQuirk() throws {
        let body = ProviderSamples.kaleyraV2Published.replacingOccurrences(of: "\"<ref2>\",", with: "\"<ref2>\"")
        let batch = try ProviderSamples.parse(ProviderSamples.post(body))
        #expect(batch.quirks.isEmpty && batch.events.count == 1)
    }

    @Test func v2WithoutStatusesFallsBackOnKaleyrasOwnCopy() throws {
        let body = #"{"meta_object":{"value":{},"field":"messages"},"extra_info":{"message_id":"wamid.X"},"status":"read"}"#
        let event = try #require(try ProviderSamples.parse(ProviderSamples.post(body)).events.first)
        #expect(event.id == "wamid.X" && event.status == .read && event.format == .kaleyraV2)
    }

    @Test func aMetaWebhookYieldsEveryStatusAndInboundMessageAndListsTheBadItem() throws {
        let batch = try ProviderSamples.parse(ProviderSamples.post(ProviderSamples.metaMultiStatus))
        #expect(batch.format == .meta)
        #expect(batch.events.map(\.id) == ["wamid.A1", "wamid.A2", "wamid.IN1"])
        #expect(batch.events.map(\.status) == [.delivered, .failed, .inbound])
        #expect(batch.events.allSatisfy { $0.whatsappNumber == "15550984277" && $0.format == .meta })
        #expect(batch.rejectedItems == [
            CallbackRejection(.missingID, "entry[0].changes[0].value.statuses[2]: missing \"id\"")
        ])
        #expect(batch.ignoredChanges == 1)

        let delivered = batch.events[0]
        #expect(delivered.pricingCategory == "utility" && delivered.billable == true)
        #expect(delivered.timestamp == UnixTime(seconds: 1_694_492_484))
        let failed = batch.events[1]
        #expect(failed.errorCode == "131047")
        #expect(failed.error == "Re-engagement message: Message failed to send because more than 24 hours have passed")
        #expect(failed.recipient == "60173526234")
        let inbound = batch.events[2]
        #expect(inbound.message == "Thanks!" && inbound.recipient == "60173526233")
    }

    @Test(arguments: [
        (#"{"object":"whatsapp_business_account","entry":{}}"#, "\"entry\" must be an array, got an object"),
        (#"{"object":"whatsapp_business_account","entry":"x"}"#, "\"entry\" must be an array, got a string"),
    ])
    func aMetaWebhookWithoutAnEntryArrayIsRefused(body: String, message: String) {
        #expect(throws: CallbackRejection(.malformedBody, message)) {
            try ProviderSamples.parse(ProviderSamples.post(body))
        }
    }

    @Test func badItemsAreListedWithTheirPath() throws {
        let body = #"""
            {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{
              "statuses":[7,{"id":"w1","status":"sent","timestamp":"soon"},{"id":"w2","status":"sent"}]}}]},{"id":"9"}]}
            """#
        let batch = try ProviderSamples.parse(ProviderSamples.post(body))
        #expect(batch.events.map(\.id) == ["w2"])
        #expect(batch.rejectedItems.map(\.message) == [
            "entry[0].changes[0].value.statuses[0] must be an object, got a number",
            "entry[0].changes[0].value.statuses[1].timestamp \"soon\" is not Unix seconds or milliseconds",
            "entry[1]: missing the \"changes\" array",
        ])
        #expect(batch.rejectedItems.map(\.reason) == [.malformedBody, .invalidTimestamp, .malformedBody])
    }

    @Test func aTwilioStatusCallbackIsReadFromItsFormPairs() throws {
        let batch = try ProviderSamples.parse(
            ProviderSamples.post(ProviderSamples.twilioUndelivered, contentType: "application/x-www-form-urlencoded"))
        #expect(batch.format == .twilio)
        let event = try #require(batch.events.first)
        #expect(event.id == "SM0123456789abcdef0123456789abcdef")
        #expect(event.status == .undelivered && event.status.isTerminal)
        #expect(event.errorCode == "63016")
        #expect(event.error == "Failed to send freeform message because you are outside the allowed window")
        #expect(event.recipient == "919800000001")
        #expect(event.whatsappNumber == "14155238886")
        #expect(event.transport == .form && event.format.provider == "twilio")
    }

    @Test func twiliosIncomingMessageWebhookIsAnInboundMessage() throws {
        let body = "MessageSid=SM9&SmsStatus=received&Body=Hello+there&From=whatsapp%3A%2B919800000001"
            + "&To=whatsapp%3A%2B14155238886"
        let event = try #require(try ProviderSamples.parse(ProviderSamples.post(body)).events.first)
        #expect(event.status == .inbound && event.message == "Hello there")
        #expect(event.recipient == "919800000001" && event.whatsappNumber == "14155238886")
    }

    @Test func aTwilioCallbackWithoutAStatusIsRefused() {
        #expect(throws: CallbackRejection(.missingStatus, "missing \"MessageStatus\"")) {
            try ProviderSamples.parse(ProviderSamples.post("MessageSid=SM1&To=whatsapp%3A%2B1"))
        }
    }

    @Test func twilioSuccessHasNoErrorCode() throws {
        let event = try #require(
            try ProviderSamples.parse(ProviderSamples.post("MessageSid=SM1&MessageStatus=queued&ErrorCode=0")).events.first)
        #expect(event.status == .queued && event.errorCode == nil)
    }

    @Test(arguments: [
        (CallbackFormat.meta, Samples.seedJSON, "kaleyra-v1"),
        (.twilio, ProviderSamples.metaMultiStatus, "meta"),
        (.kaleyraV1, "MessageSid=SM1&MessageStatus=sent", "twilio"),
    ])
    func aPinnedFormatRefusesTheOthers(pinned: CallbackFormat, body: String, actual: String) {
        #expect(throws: CallbackRejection(
            .wrongFormat, "expected a \(pinned.rawValue) callback (--format), but this request is \(actual)"))
        {
            try ProviderSamples.parse(ProviderSamples.post(body), format: pinned)
        }
    }

    @Test func aV1BodyWithAnUnrelatedObjectMemberStaysV1() throws {
        let body = #"{"id":"k:0","status":"sent","object":"order","details":{"entry":[1]}}"#
        let batch = try ProviderSamples.parse(ProviderSamples.post(body))
        #expect(batch.format == .kaleyraV1 && batch.events.map(\.id) == ["k:0"])
    }

    @Test func aV1BodyWithAScalarEntryFieldStaysV1() throws {
        let batch = try ProviderSamples.parse(ProviderSamples.post(#"{"id":"k:1","status":"read","entry":"manual"}"#))
        #expect(batch.format == .kaleyraV1 && batch.events.map(\.status) == [.read])
    }

    @Test func aRequestRebuildsFromItsJournalLineWithAllItsEvents() throws {
        let batch = try ProviderSamples.parse(ProviderSamples.post(ProviderSamples.metaMultiStatus))
        var line = JournalRecord.line(for: batch)
        line.removeLast()
        let rebuilt = try #require(try JournalRecord.batch(fromLine: line))
        #expect(rebuilt.events.map(EventJSON.line(for:)) == batch.events.map(EventJSON.line(for:)))
        #expect(rebuilt.ignoredChanges == 1 && rebuilt.rejectedItems.count == 1)
    }
}
