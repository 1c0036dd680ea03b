import Testing

@testable import WatopCore

@Suite struct MessageTableTests {
    private static func event(
        _ id: String, _ status: DeliveryStatus, at seconds: Int64 = 1_710_000_000, number: String? = "918000000001"
    ) -> CallbackEvent {
        CallbackEvent(
            receivedAt: UnixTime(seconds: seconds), transport: .query, id: id, status: status, whatsappNumber: number)
    }

    private static func table(capacity: Int = 100, _ events: [CallbackEvent]) -> MessageTable {
        var table = MessageTable(capacity: capacity)
        for event in events { table.record(event, key: MessageKey(id: event.id)) }
        return table
    }

    @Test("a message first seen at delivered counts as sent and reached, once, whatever follows")
    func deliveredWithoutSentIsOneMessage() {
        let table = Self.table([Self.event("m1", .delivered), Self.event("m1", .sent), Self.event("m1", .delivered)])
        #expect(table.total.seen == 1)
        #expect(table.total.reached == 1)
        #expect(table.total.pending == 0)
    }

    @Test("a read without delivered reaches; a late delivered does not move it back, a failure ends it")
    func furthestStatusOnlyMovesForward() {
        let table = Self.table([
            Self.event("m1", .read, at: 20), Self.event("m1", .delivered, at: 10),
            Self.event("m2", .sent), Self.event("m2", .failed), Self.event("m2", .read),
            Self.event("m3", .queued),
        ])
        #expect(table.total == Self.tally(pending: 1, read: 1, failed: 1))
        #expect(table.total.reached == 1)
        let first = table.entry(of: "m1")
        #expect(first?.furthest == StatusCode(.read))
        #expect(first?.read == 20 && first?.delivered == 10 && first?.sent == 0)
        #expect(table.entry(of: "m2")?.furthest == StatusCode(.failed))
    }

    @Test("each step keeps the time it was first reached, by the provider's clock, and the last callback watop's time")
    func firstTimesAreKept() {
        let table = Self.table([
            CallbackEvent(
                receivedAt: UnixTime(seconds: 90), transport: .query, id: "m1", status: .sent, timestamp: UnixTime(seconds: 50)),
            Self.event("m1", .sent, at: 60), Self.event("m1", .notSent, at: 70),
        ])
        #expect(table.entry(of: "m1")?.sent == 50)
        #expect(table.entry(of: "m1")?.lastSeen == 90)
    }

    @Test("past its cap, the message idle the longest gives way, is counted, and comes back as new")
    func evictsTheLongestIdle() {
        var table = Self.table(capacity: 2, [Self.event("m1", .sent), Self.event("m2", .sent), Self.event("m1", .delivered)])
        table.record(Self.event("m3", .sent), key: MessageKey(id: "m3"))
        #expect(table.evicted == 1)
        #expect(table.count == 2)
        #expect(table.entry(of: "m2") == nil && table.entry(of: "m1") != nil)
        #expect(table.total == Self.tally(pending: 1, delivered: 1))
        table.record(Self.event("m2", .read), key: MessageKey(id: "m2"))
        #expect(table.evicted == 2)
        #expect(table.entry(of: "m1") == nil)
        #expect(table.total == Self.tally(pending: 1, read: 1))
        #expect(table.total.seen == table.count)
    }

    @Test("twenty thousand messages cycle through a small table in the order of their last activity")
    func evictionOrderHoldsUnderChurn() {
        var table = MessageTable(capacity: 1000)
        for number in 0..<20_000 {
            // Every message reports twice, 400 messages apart: the 800 latest active are those
            // waiting for their second callback and those that had it since, so none is evicted
            // in between.
            table.record(Self.event("m\(number)", .sent), key: MessageKey(id: "m\(number)"))
            if number >= 400 {
                table.record(Self.event("m\(number - 400)", .read), key: MessageKey(id: "m\(number - 400)"))
            }
        }
        #expect(table.count == 1000)
        #expect(table.total.seen == 1000)
        #expect(table.evicted == 19_000)
        #expect(table.total == Self.tally(pending: 400, read: 600))
        #expect(table.entry(of: "m19599")?.furthest == StatusCode(.read))
    }

    @Test("messages count per WhatsApp number; one first heard of without its number takes the first given")
    func countsPerNumber() {
        let funnel = Self.table([
            Self.event("m1", .sent, number: nil), Self.event("m1", .read, number: "918000000002"),
            Self.event("m2", .failed, number: "918000000002"), Self.event("m3", .sent, number: nil),
        ]).funnel
        #expect(funnel.tally(of: "918000000002") == Self.tally(read: 1, failed: 1))
        #expect(funnel.tally(of: Aggregates.unknownWhatsAppNumber) == Self.tally(pending: 1))
        #expect(funnel.tally(of: "918000000009") == MessageTally())
    }

    @Test("a customer's inbound message is no message of the business's to follow")
    func inboundIsNotCounted() {
        #expect(Self.table([Self.event("in1", .inbound)]).count == 0)
    }

    @Test("an entry stays at 64 bytes: a million messages hold some 88 MB with their slots")
    func entryIsCompact() {
        #expect(MemoryLayout<MessageEntry>.stride == 64)
    }

    private static func tally(pending: Int = 0, delivered: Int = 0, read: Int = 0, failed: Int = 0) -> MessageTally {
        var tally = MessageTally()
        tally.add(.pending, count: pending)
        tally.add(.delivered, count: delivered)
        tally.add(.read, count: read)
        tally.add(.failed, count: failed)
        return tally
    }
}
