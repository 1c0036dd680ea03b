import Testing

@testable import WatopCore

@Suite struct EventRingTests {
    /// Appends `count` events; returns, for each append, the event it pushed out (the oldest
    /// one held before it, once the ring is full), checked to be no longer held after it.
    private func fill(_ ring: inout EventRing, count: Int) -> [CallbackEvent?] {
        (0..<count).map { index in
            var event = Samples.event(id: "m\(index):0")
            let oldest = ring.oldestSequence
            let pushedOut = ring.count == ring.capacity ? ring.event(at: oldest) : nil
            ring.append(&event)
            if pushedOut != nil { #expect(ring.event(at: oldest) == nil) }
            return pushedOut
        }
    }

    @Test(arguments: [1, 7, EventRing.chunkSize - 1, EventRing.chunkSize, 3 * EventRing.chunkSize + 5])
    func wrapAroundKeepsExactlyTheNewestEvents(capacity: Int) {
        var ring = EventRing(capacity: capacity)
        let total = capacity * 3 + 11
        let evicted = fill(&ring, count: total)
        #expect(ring.count == capacity)
        #expect(ring.appended == UInt64(total))
        #expect(ring.overwritten == UInt64(total - capacity))
        #expect(ring.oldestSequence == UInt64(total - capacity + 1))
        var seen: [UInt64] = []
        ring.window.forEachOldestFirst { seen.append($0.sequence) }
        #expect(seen == Array(ring.oldestSequence...UInt64(total)))
        #expect(ring.event(at: UInt64(total))?.id == "m\(total - 1):0")
        #expect(ring.event(at: ring.oldestSequence - 1) == nil)
        // The event pushed out by append number k is the one appended `capacity` earlier.
        for (index, out) in evicted.enumerated() {
            #expect(out?.id == (index >= capacity ? "m\(index - capacity):0" : nil))
        }
    }

    @Test func aWindowStaysUnchangedWhileTheWriterGoesOn() {
        var ring = EventRing(capacity: 3000)
        _ = fill(&ring, count: 2500)
        let window = ring.window
        let before = collect(window)
        _ = fill(&ring, count: 4000)
        #expect(collect(window) == before)
        #expect(window.count == 2500)
        #expect(window.event(at: 1)?.id == "m0:0")
        #expect(ring.window.count == 3000)
    }

    @Test func newestFirstIterationStopsWhenAsked() {
        var ring = EventRing(capacity: 5000)
        _ = fill(&ring, count: 4000)
        var taken: [UInt64] = []
        ring.window.forEachNewestFirst { event in
            taken.append(event.sequence)
            return taken.count < 3
        }
        #expect(taken == [4000, 3999, 3998])
    }

    @Test func anEmptyRingHasAnEmptyWindow() {
        let ring = EventRing(capacity: 10)
        #expect(ring.window.isEmpty)
        #expect(ring.window.newestSequence == nil)
        #expect(EventWindow.empty.count == 0)
    }

    /// A range lends exactly the held events in it, across chunk boundaries and the tail, and
    /// nothing outside the window.
    @Test func aRangeLendsTheHeldEventsInIt() {
        var ring = EventRing(capacity: 3 * EventRing.chunkSize + 100)
        _ = fill(&ring, count: 5 * EventRing.chunkSize + 7)
        let window = ring.window
        let chunk = UInt64(EventRing.chunkSize)
        let ranges: [Range<UInt64>] = [
            0..<window.oldestSequence + 3, window.oldestSequence..<window.nextSequence, 2 * chunk - 5..<4 * chunk + 9,
            window.nextSequence - 3..<window.nextSequence + 50, 4 * chunk + 1..<4 * chunk + 2, 10..<10,
        ]
        for range in ranges {
            var lent: [UInt64] = []
            window.forEach(in: range) { lent.append($0.sequence) }
            let held = max(range.lowerBound, window.oldestSequence)..<max(min(range.upperBound, window.nextSequence), window.oldestSequence)
            #expect(lent == Array(held), "range \(range)")
        }
    }

    /// Walks lend events in place (see `UnsafeBufferPointer.lend`): they must take no count of
    /// an event's block and drop none, and a lent event the walker copies must own its count.
    @Test func walksLendEventsWithoutTakingOrDroppingCounts() throws {
        weak var released: AnyObject?
        var survivor: CallbackEvent?
        var survivorID = ""
        do {
            var ring = EventRing(capacity: 2 * EventRing.chunkSize + 10)
            _ = fill(&ring, count: 3 * EventRing.chunkSize)
            let window = ring.window
            let watched = window.oldestSequence + UInt64(EventRing.chunkSize)
            survivorID = "m\(watched - 1):0"
            let event = try #require(window.event(at: watched))
            let block = try #require(Mirror(reflecting: event).descendant("fields", "block")) as AnyObject
            let before = _getRetainCount(block)
            var kept: [CallbackEvent] = []
            for _ in 0..<3 {
                window.forEachOldestFirst { if $0.sequence % 3 == 0 { kept.append(copy $0) } }
                window.forEachNewestFirst { _ in true }
                window.forEach(in: window.oldestSequence..<window.nextSequence) { if $0.sequence == watched { survivor = copy $0 } }
                window.forEachOldestFirst(withStatusIn: StatusSet { _ in true }) { _ in }
            }
            #expect(kept.count == 3 * window.count / 3)
            kept.removeAll()
            // The survivor holds one count of its own.
            #expect(_getRetainCount(block) == before + 1)
            released = block
        }
        // The ring and the window are gone; the survivor's copy keeps its block, and only it.
        #expect(released != nil)
        #expect(survivor?.id == survivorID)
        survivor = nil
        #expect(released == nil)
    }

    /// Any element can be lent, and one whose borrower throws is put back all the same.
    @Test func lendingAnyElementTakesNoCountEvenWhenTheBorrowerThrows() {
        final class Box { let value: Int; init(_ value: Int) { self.value = value } }
        struct Refused: Error {}
        let boxes = (0..<5).map(Box.init)
        let before = boxes.map { _getRetainCount($0) }
        var sum = 0
        boxes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                sum += buffer.lend(index) { $0.value }
                #expect(throws: Refused.self) { try buffer.lend(index) { _ in throw Refused() } }
            }
        }
        #expect(sum == 10)
        #expect(boxes.map { _getRetainCount($0) } == before)
    }

    private func collect(_ window: EventWindow) -> [String] {
        var ids: [String] = []
        window.forEachOldestFirst { ids.append("\($0.sequence)=\($0.id)") }
        return ids
    }
}
