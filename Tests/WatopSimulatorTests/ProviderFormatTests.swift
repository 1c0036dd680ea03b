import Testing
import WatopCore

@testable import WatopSimulator

/// Every format the simulator speaks, read back by watop's own parser.
@Suite struct ProviderFormatTests {
    @Test(arguments: CallbackFormat.allCases)
    func everyRequestIsReadBackAsItWasMeant(format: CallbackFormat) throws {
        for request in simulatedRequests(3000, formats: [format]) {
            let batch = try request.parsed()
            #expect(request.format == format)
            #expect(batch.format == format)
            #expect(batch.rejectedItems.isEmpty && batch.quirks.isEmpty && batch.ignoredChanges == 0)
            try #require(batch.events.count == request.events.count)
            for (event, meant) in zip(batch.events, request.events) {
                #expect(event.id == meant.id)
                #expect(event.status.name == meant.status)
                // A message sent to a business-scoped user id names that id instead of the number.
                #expect(event.mobile == meant.customer || event.recipientKind == .userID)
                #expect(event.whatsappNumber == meant.business)
                #expect(event.errorCode == meant.errorCode)
                if meant.errorCode != nil { #expect(event.error != nil) }
                if format != .twilio { #expect(event.timestamp != nil) }
            }
        }
    }

    @Test(arguments: CallbackFormat.allCases)
    func idsLookLikeTheProvidersOwn(format: CallbackFormat) {
        let ids = simulatedRequests(500, formats: [format]).flatMap(\.events).map(\.id)
        let looksRight: (String) -> Bool =
            switch format {
            case .kaleyraV1: { $0.count == 38 && $0.hasSuffix(":0") }
            // Meta's record starts with the customer's 12-digit number: always `HBgM` in base64.
            case .kaleyraV2, .meta: { $0.hasPrefix("wamid.HBgM") && $0.hasSuffix("=") }
            case .twilio: { $0.hasPrefix("SM") && $0.count == 34 && $0.dropFirst(2).allSatisfy(\.isHexDigit) }
            }
        #expect(ids.allSatisfy(looksRight))
    }

    @Test(arguments: [
        (CallbackFormat.kaleyraV1, ["sent", "delivered", "read", "failed", "not-sent"]),
        (.kaleyraV2, ["sent", "delivered", "read", "played", "failed"]),
        (.meta, ["sent", "delivered", "read", "played", "failed", "inbound"]),
        (.twilio, ["queued", "sending", "sent", "delivered", "read", "failed", "undelivered"]),
    ])
    func failuresCarryTheirProvidersCodes(format: CallbackFormat, statuses: [String]) {
        let events = simulatedRequests(20_000, formats: [format]).flatMap(\.events)
        #expect(Set(events.map(\.status)) == Set(statuses))
        let failures = ProviderFailures.of(format)
        let codes = Set(failures.unsent.codes + failures.undelivered.codes)
        for event in events {
            let failed = ["failed", "not-sent", "undelivered"].contains(event.status)
            #expect(failed == (event.errorCode != nil))
            if let code = event.errorCode { #expect(codes.contains(code)) }
        }
        #expect(Set(events.compactMap(\.errorCode)).count > 3)
    }

    @Test func twilioNumbersCarryTheChannelPrefix() throws {
        for request in simulatedRequests(300, formats: [.twilio]) {
            let pairs = TwilioPairs(request.raw)
            #expect(pairs["From"] == "whatsapp:+" + request.events[0].business)
            #expect(pairs["To"] == "whatsapp:+" + request.events[0].customer)
            #expect(pairs["ChannelPrefix"] == "whatsapp" && pairs["AccountSid"]?.hasPrefix("AC") == true)
        }
    }

    @Test(arguments: [CallbackFormat.kaleyraV2, .meta])
    func metaNumbersAreDigitsAndConversationsArePriced(format: CallbackFormat) throws {
        var categories: Set<String> = []
        for request in simulatedRequests(1000, formats: [format]) {
            #expect(request.body?.contains("\"+") == false)
            for event in try request.parsed().events where event.status == .sent || event.status == .delivered {
                categories.insert(try #require(event.pricingCategory))
                #expect(event.billable == (event.pricingCategory != "service"))
            }
        }
        #expect(categories == ["marketing", "utility", "authentication", "service"])
    }

    /// Kaleyra's references, and Meta's opaque data as the ref; Twilio has neither.
    @Test(arguments: CallbackFormat.allCases)
    func kaleyraAndMetaCarryReferences(format: CallbackFormat) throws {
        let events = try simulatedRequests(1000, formats: [format]).flatMap { try $0.parsed().events }
        #expect(events.contains { $0.ref != nil } == (format != .twilio))
    }

    /// Meta's shapes of today beside the older ones: per-message pricing and conversation-based,
    /// business-scoped user ids, voice messages played; Twilio's `sending`.
    @Test func theNewShapesAreMixedWithTheOld() throws {
        let notices = try simulatedRequests(3000, formats: [.meta]).flatMap { try $0.parsed().notices }
        #expect(Set(notices.map(\.kind)) == [.template, .quality, .alert])
        let meta = try simulatedRequests(3000, formats: [.meta]).flatMap { try $0.parsed().events }
        #expect(Set(meta.compactMap(\.pricingModel)) == ["PMP", "CBP"])
        #expect(Set(meta.compactMap(\.pricingType)) == ["regular", "free_customer_service"])
        #expect(meta.contains { $0.recipientKind == .userID } && meta.contains { $0.recipientKind == .phoneNumber })
        #expect(meta.contains { $0.status == .played })
        let twilio = try simulatedRequests(1000, formats: [.twilio]).flatMap { try $0.parsed().events }
        #expect(twilio.contains { $0.status == .sending })
    }

    @Test func metaWebhooksGatherStatusesOfOneNumber() {
        // The notices among them carry no statuses.
        let traffic = simulatedRequests(3000, formats: [.meta]).filter { !$0.events.isEmpty }
        var sizes: Set<Int> = []
        var withInbound = 0
        for request in traffic {
            let statuses = request.events.filter { $0.status != "inbound" }
            let inbound = request.events.filter { $0.status == "inbound" }
            sizes.insert(statuses.count)
            #expect(Set(request.events.map(\.business)).count == 1)
            // A duplicate comes in a webhook of its own.
            #expect(Set(statuses.map { [$0.id, $0.status] }).count == statuses.count)
            #expect(inbound.count <= 1)
            if let message = inbound.first {
                withInbound += 1
                #expect(message.id.hasPrefix("wamid.") && message.errorCode == nil)
            }
        }
        #expect(sizes == [1, 2, 3, 4])
        // About one webhook in twenty.
        #expect((90...210).contains(withInbound))
    }

    @Test func mixedTrafficKeepsEachMessageInOneFormat() {
        let traffic = simulatedRequests(5000, formats: CallbackFormat.allCases)
        #expect(Set(traffic.map(\.format)) == Set(CallbackFormat.allCases))
        var formatOfMessage: [String: CallbackFormat] = [:]
        for request in traffic {
            for event in request.events where event.status != "inbound" {
                #expect(formatOfMessage[event.id, default: request.format] == request.format)
                formatOfMessage[event.id] = request.format
            }
        }
        #expect(Set(formatOfMessage.values) == Set(CallbackFormat.allCases))
    }
}
