import Testing

@testable import WatopCore

/// Account-level changes and errors without a status, written from Meta's webhook references
/// (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/).
@Suite struct NoticeTests {
    private func webhook(field: String, _ value: String) -> String {
        #"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1748454394,"changes":[{"value":"#
            + value + #","field":""# + field + #""}]}]}"#
    }

    private func notices(field: String, _ value: String) throws -> [Notice] {
        let batch = try ProviderSamples.parse(ProviderSamples.post(webhook(field: field, value)))
        #expect(batch.events.isEmpty && batch.ignoredChanges == 0 && batch.rejectedItems.isEmpty)
        return batch.notices
    }

    /// `message_template_status_update` (reference/message_template_status_update): a template paused.
    @Test func aPausedTemplateIsANoticeWithItsReason() throws {
        let found = try notices(
            field: "message_template_status_update",
            #"{"event":"PAUSED","message_template_id":806312974732579,"message_template_name":"order_confirmation","#
                + #""message_template_language":"en_US","reason":"NONE","message_template_category":"UTILITY","#
                + #""other_info":{"title":"FIRST_PAUSE","description":"Your WhatsApp message template has been paused for 3 hours until Jun 5 at 6:01 PM UTC because it had issues."}}"#)
        #expect(found.count == 1)
        #expect(found.first?.kind == .template && found.first?.subject == "order_confirmation (en_US)")
        #expect(
            found.first?.text
                == "PAUSED: FIRST_PAUSE: Your WhatsApp message template has been paused for 3 hours until Jun 5 at 6:01 PM UTC because it had issues.")
    }

    @Test func aRejectedTemplateSaysWhy() throws {
        let found = try notices(
            field: "message_template_status_update",
            #"{"event":"REJECTED","message_template_id":1,"message_template_name":"summer_sale","message_template_language":"en","reason":"INCORRECT_CATEGORY"}"#)
        #expect(found.first?.text == "REJECTED: INCORRECT_CATEGORY")
    }

    /// `phone_number_quality_update` (reference/phone_number_quality_update): its own example.
    @Test func aNumbersQualityOrLimitChangeIsANotice() throws {
        let found = try notices(
            field: "phone_number_quality_update",
            #"{"display_phone_number":"15550783881","event":"THROUGHPUT_UPGRADE","current_limit":"TIER_UNLIMITED"}"#)
        #expect(found == [Notice(receivedAt: Samples.receivedAt, format: .meta, kind: .quality, subject: "15550783881", text: "THROUGHPUT_UPGRADE, limit TIER_UNLIMITED")])
        let downgrade = try notices(
            field: "phone_number_quality_update",
            #"{"display_phone_number":"15550783881","event":"DOWNGRADE","old_limit":"TIER_10K","current_limit":"TIER_2K","max_daily_conversations_per_business":"TIER_2K"}"#)
        #expect(downgrade.first?.text == "DOWNGRADE, limit TIER_2K (was TIER_10K)")
    }

    /// `account_alerts` (reference/account_alerts).
    @Test func anAccountAlertIsANotice() throws {
        let found = try notices(
            field: "account_alerts",
            #"{"entity_type":"BUSINESS","entity_id":"506914307656634","alert_info":{"alert_severity":"WARNING","alert_status":"ACTIVE","#
                + #""alert_type":"INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED","alert_description":"Limits cannot be increased yet."}}"#)
        #expect(found.first?.kind == .alert && found.first?.subject == "BUSINESS 506914307656634")
        #expect(found.first?.text == "WARNING INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED: Limits cannot be increased yet.")
    }

    /// Errors at `value.errors` and in `messages[].errors` (Meta's error codes page,
    /// developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/).
    @Test func errorsWithoutAStatusAreNotices() throws {
        let batch = try ProviderSamples.parse(
            ProviderSamples.post(
                webhook(
                    field: "messages",
                    #"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"#
                        + #""errors":[{"code":131000,"title":"Something went wrong","message":"Something went wrong","error_data":{"details":"Unknown error"}}],"#
                        + #""messages":[{"from":"16505551234","id":"wamid.U1","timestamp":"1749416383","type":"unsupported","#
                        + #""errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}]}"#)))
        #expect(batch.ignoredChanges == 0)
        #expect(batch.events.count == 1 && batch.events.first?.status == .inbound)
        #expect(batch.notices.map(\.kind) == [.error, .error])
        #expect(batch.notices.map(\.subject) == ["15550783881", "16505551234"])
        #expect(batch.notices.map(\.text) == ["131000 Something went wrong: Unknown error", "131051 Message type unknown: Message type is currently not supported."])
    }

    @Test func anotherFieldIsStillOnlyCounted() throws {
        let batch = try ProviderSamples.parse(ProviderSamples.post(webhook(field: "account_update", #"{"event":"VERIFIED_ACCOUNT"}"#)))
        #expect(batch.notices.isEmpty && batch.ignoredChanges == 1)
    }

    @Test func theStoreKeepsTheNewestCountsThemAllAndHandsThemToHeadlessOutput() throws {
        let store = EventStore(capacity: 10, outboxLimit: 100, startedAt: Samples.receivedAt)
        let alert = webhook(field: "account_alerts", #"{"entity_type":"PHONE_NUMBER","entity_id":"1","alert_info":{"alert_severity":"CRITICAL","alert_type":"OBA_REJECTED"}}"#)
        for _ in 0..<(NoticeLog.capacity + 5) { store.record(try ProviderSamples.parse(ProviderSamples.post(alert))) }
        let snapshot = store.snapshot()
        #expect(snapshot.notices.count == NoticeLog.capacity && snapshot.aggregates.notices == NoticeLog.capacity + 5)
        let summary = try JSONParser.parse(Array(SummaryJSON.line(for: snapshot, now: Samples.receivedAt, unprinted: 0).utf8))
        #expect(summary["summary"]?["notices"] == .number(String(NoticeLog.capacity + 5)))
        let printed = store.drainNotices()
        #expect(printed.count == NoticeLog.capacity && store.drainNotices().isEmpty)
        let line = try JSONParser.parse(Array(printed[0].jsonLine.utf8))
        #expect(line["type"] == .string("notice") && line["kind"] == .string("alert") && line["text"] == .string("CRITICAL OBA_REJECTED"))
    }

    /// The journal's requests are read again on `--resume`: their notices come back too.
    @Test func restoredRequestsBringTheirNoticesBack() throws {
        let store = EventStore(capacity: 10, startedAt: Samples.receivedAt)
        store.restore(try ProviderSamples.parse(ProviderSamples.post(webhook(field: "phone_number_quality_update", #"{"display_phone_number":"15550783881","event":"FLAGGED"}"#))))
        #expect(store.snapshot().notices.map(\.text) == ["FLAGGED"])
        #expect(store.snapshot().aggregates.notices == 1)
    }

    @Test func theCheckpointKeepsTheCountAndReadsOlderOnesWithout() throws {
        var totals = Aggregates()
        var batch = CallbackBatch(format: .meta)
        batch.notices = [Notice(receivedAt: Samples.receivedAt, format: .meta, kind: .alert, subject: "a", text: "b")]
        totals.addRequestDetails(of: batch)
        let written = AggregatesJSON.object(for: totals)
        #expect(try AggregatesJSON.totals(from: JSONParser.parse(Array(written.utf8))).notices == 1)
        let older = written.replacingOccurrences(of: #","notices":1"#, with: "")
        #expect(try AggregatesJSON.totals(from: JSONParser.parse(Array(older.utf8))).notices == 0)
    }

    @Test func aFiltersWordsAndProviderApplyToNoticesAndItsEventTermsArePassedOver() throws {
        let paused = Notice(receivedAt: Samples.receivedAt, format: .meta, kind: .template, subject: "order_update (en_US)", text: "PAUSED: FIRST_PAUSE")
        let downgraded = Notice(receivedAt: Samples.receivedAt, format: .meta, kind: .quality, subject: "15550783881", text: "DOWNGRADE, limit TIER_2K")
        func admitted(_ text: String) throws -> [Bool] {
            let filter = try EventFilter(parsing: text, now: Samples.receivedAt)
            return [paused, downgraded].map(filter.matches)
        }
        #expect(try admitted("paused") == [true, false])
        #expect(try admitted("-paused") == [false, true])
        #expect(try admitted("status:failed quality") == [false, true])
        #expect(try admitted("1555078") == [false, true])
        #expect(try admitted("provider:twilio") == [false, false])
        #expect(try admitted("provider:meta code:131047") == [true, true])
    }
}
