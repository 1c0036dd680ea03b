import Testing

@testable import WatopCore

/// Payloads as the providers send them today, each written from the provider's documentation.
@Suite struct CurrentProviderShapesTests {
    /// One Meta status webhook around the `statuses[]` items given.
    private func metaWebhook(_ statuses: String) -> String {
        """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
          "messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
          "statuses":[\(statuses)]},"field":"messages"}]}]}
        """
    }

    private func events(_ statuses: String) throws -> [CallbackEvent] {
        let batch = try ProviderSamples.parse(ProviderSamples.post(metaWebhook(statuses)))
        #expect(batch.rejectedItems.isEmpty)
        return Array(batch.events)
    }

    /// Per-message pricing since July 2025: `pricing_model` PMP, `type` regular (charged),
    /// no `conversation`, and `biz_opaque_callback_data` echoed. Sources: Meta's status
    /// webhook reference (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/)
    /// and its pricing updates page (developers.facebook.com/docs/whatsapp/pricing/updates-to-pricing).
    @Test func perMessagePricingKeepsModelTypeAndCategoryAndTheOpaqueDataIsTheRef() throws {
        let event = try #require(
            try events(
                """
                {"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA","status":"delivered",
                 "timestamp":"1750263773","recipient_id":"16505551234","biz_opaque_callback_data":"campaign-summer-25",
                 "pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"marketing_lite"}}
                """
            ).first)
        #expect(event.pricingModel == "PMP" && event.pricingType == "regular" && event.pricingCategory == "marketing_lite")
        #expect(event.isCharged && event.billable == true)
        #expect(event.ref == "campaign-summer-25")
        #expect(try EventFilter(parsing: "ref:campaign-summer*", now: Samples.receivedAt).matches(event))
        let line = EventJSON.line(for: event)
        #expect(line.contains(#""ref":"campaign-summer-25""#))
        #expect(line.contains(#""pricing_model":"PMP","pricing_type":"regular","recipient_kind":null,"errors":null}"#))
    }

    /// A charged message reports `regular` on its sent and its delivered status alike: it is
    /// one charge (the pricing updates page counts charges per message).
    @Test func aChargedMessageIsCountedOnceHoweverManyStatusesSaySo() throws {
        let store = EventStore(capacity: 100, startedAt: Samples.receivedAt)
        let pricing = #""pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"utility"}"#
        let free = #""pricing":{"billable":false,"pricing_model":"PMP","type":"free_customer_service","category":"service"}"#
        let batch = try ProviderSamples.parse(
            ProviderSamples.post(
                metaWebhook(
                    """
                    {"id":"wamid.P1","status":"sent","timestamp":"1750263770","recipient_id":"16505551234",\(pricing)},
                    {"id":"wamid.P1","status":"delivered","timestamp":"1750263773","recipient_id":"16505551234",\(pricing)},
                    {"id":"wamid.P2","status":"sent","timestamp":"1750263774","recipient_id":"16505551235",\(free)}
                    """)))
        store.record(batch)
        let snapshot = store.snapshot()
        #expect(snapshot.messages.total.charged == 1 && snapshot.messages.total.seen == 2)
        let line = SummaryJSON.line(for: snapshot, now: UnixTime(seconds: 1_710_000_060), unprinted: 0)
        #expect(try JSONParser.parse(Array(line.utf8))["summary"]?["messages"]?["charged"] == .number("1"))
    }

    /// A free service reply: type `free_customer_service`, not charged; `billable` may be gone.
    @Test func aFreeTypeIsNotCharged() throws {
        let event = try #require(
            try events(
                #"{"id":"wamid.B","status":"sent","timestamp":"1750263773","recipient_id":"16505551234","pricing":{"pricing_model":"PMP","type":"free_customer_service","category":"service"}}"#
            ).first)
        #expect(!event.isCharged && event.billable == nil && event.pricingType == "free_customer_service")
    }

    /// A message sent to a business-scoped user id: no `recipient_id`, the recipient is
    /// `recipient_user_id` (else `parent_recipient_user_id`). Source: Meta's business-scoped
    /// user ids page (developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/).
    @Test func aBusinessScopedUserIDIsTheRecipientMarkedAsSuch() throws {
        let found = try events(
            """
            {"id":"wamid.C1","status":"sent","timestamp":"1750263773","recipient_user_id":"US.13491208655302741918"},
            {"id":"wamid.C2","status":"sent","timestamp":"1750263773","parent_recipient_user_id":"US.ENT.11815799212886844830"}
            """)
        #expect(found.map(\.recipient) == ["US.13491208655302741918", "US.ENT.11815799212886844830"])
        #expect(found.allSatisfy { $0.recipientKind == .userID })
        #expect(try EventFilter(parsing: "to:US.1349*", now: Samples.receivedAt).matches(found[0]))
        #expect(EventJSON.line(for: found[0]).contains(#""recipient_kind":"user_id""#))
    }

    /// A message sent to a group: `recipient_type: group`, the group's id in `recipient_id`.
    /// Source: Meta's status webhook reference (above).
    @Test func aGroupRecipientIsKept() throws {
        let event = try #require(
            try events(
                #"{"id":"wamid.D","status":"delivered","timestamp":"1750263773","recipient_id":"120363041234567890","recipient_type":"group","recipient_participant_id":"16505551234"}"#
            ).first)
        #expect(event.recipientKind == .group && event.recipient == "120363041234567890")
    }

    /// A failed status keeps every entry of `errors[]`; the first is also the event's code and
    /// text. Source: Meta's error codes page (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/).
    @Test func everyErrorOfAFailedStatusIsKept() throws {
        let event = try #require(
            try events(
                """
                {"id":"wamid.E","status":"failed","timestamp":"1750263773","recipient_id":"16505551234",
                 "errors":[{"code":131049,"title":"This message was not delivered to maintain healthy ecosystem engagement.",
                            "message":"This message was not delivered to maintain healthy ecosystem engagement.",
                            "error_data":{"details":"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},
                            "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"},
                           {"code":131026,"title":"Message undeliverable","message":"Message undeliverable",
                            "error_data":{"details":"Receiver is incapable of receiving this message"}}]}
                """
            ).first)
        #expect(event.errorCode == "131049")
        #expect(event.errors.map(\.code) == ["131049", "131026"])
        #expect(event.errors[1].details == "Receiver is incapable of receiving this message")
        let line = EventJSON.line(for: event)
        #expect(
            line.hasSuffix(
                #""errors":[{"code":"131049","title":"This message was not delivered to maintain healthy ecosystem engagement.","message":"This message was not delivered to maintain healthy ecosystem engagement.","details":"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."},{"code":"131026","title":"Message undeliverable","message":"Message undeliverable","details":"Receiver is incapable of receiving this message"}]}"#
            ))
        guard case .object? = try? JSONParser.parse(Array(line.utf8)) else {
            Issue.record("the line is not a JSON object: \(line)")
            return
        }
    }

    /// An error's text never breaks the packing of the entries, whatever control bytes it has.
    @Test func separatorsInAnErrorsTextAreReadAsSpaces() {
        let errors = [ProviderError(code: "1", title: "a\u{1E}b\u{1F}c"), ProviderError(details: "d")]
        let event = CallbackEvent(
            receivedAt: Samples.receivedAt, transport: .json, id: "m:0", status: .failed, errors: errors)
        #expect(event.errors == [ProviderError(code: "1", title: "a b c"), ProviderError(details: "d")])
    }

    /// Meta's `played`, `warning` and `deleted` are statuses of their own. Sources: Meta's status
    /// webhook reference (above) and its On-Premises webhook reference for `warning` and
    /// `deleted` (developers.facebook.com/docs/whatsapp/on-premises/webhooks/outbound).
    @Test func metasOtherStatusesAreNamed() throws {
        let found = try events(
            """
            {"id":"wamid.F","status":"played","timestamp":"1750263773","recipient_id":"16505551234"},
            {"id":"wamid.G","status":"warning","timestamp":"1750263773","recipient_id":"16505551234"},
            {"id":"wamid.H","status":"deleted","timestamp":"1750263773","recipient_id":"16505551234"}
            """)
        #expect(found.map(\.status) == [.played, .warning, .deleted])
    }

    /// Twilio's statuses with a Messaging Service and scheduling. Source:
    /// twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks.
    @Test(arguments: [
        ("accepted", DeliveryStatus.accepted), ("scheduled", .scheduled), ("sending", .sending), ("canceled", .canceled),
        ("partially_delivered", .partiallyDelivered), ("read", .read),
    ])
    func twiliosStatusesAreNamed(text: String, status: DeliveryStatus) throws {
        let body = ProviderSamples.twilioUndelivered.replacingOccurrences(of: "MessageStatus=undelivered", with: "MessageStatus=\(text)")
        let batch = try ProviderSamples.parse(ProviderSamples.post(body, contentType: "application/x-www-form-urlencoded"))
        #expect(batch.format == .twilio && batch.events.first?.status == status)
    }
}
