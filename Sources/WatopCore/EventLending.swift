extension UnsafeBufferPointer<CallbackEvent> {
    /// Calls `body` with the event at `index`, lent without copying it.
    ///
    /// Passing `self[index]` to a closure costs a retain and a release of the event's block:
    /// the compiler cannot know that the closure leaves this memory alone, so it copies. Over
    /// a million held events those are atomic operations on a million cache lines long out of
    /// cache, which the processor cannot overlap with the next event's work: walking a full
    /// buffer cost 37 ms, nearly all of applying a filter to it.
    ///
    /// Here the event's bits are copied to a local slot and moved out of it, so that the call
    /// borrows a value this frame owns in name only (the array still holds the reference),
    /// and after the call they are moved back into the slot, which is never deinitialised: no
    /// count is taken or dropped. `body` may copy the event it is lent (that copy retains as
    /// usual); the array must outlive the call, as it does for any borrow.
    @inline(__always)
    func lend<Result>(_ index: Int, to body: (borrowing CallbackEvent) throws -> Result) rethrows -> Result {
        precondition(index >= 0 && index < count, "lending an event outside the buffer")
        return try withUnsafeTemporaryAllocation(of: CallbackEvent.self, capacity: 1) { slot in
            let place = slot.baseAddress!
            UnsafeMutableRawPointer(place).copyMemory(from: baseAddress! + index, byteCount: MemoryLayout<CallbackEvent>.size)
            let event = place.move()
            defer { place.initialize(to: consume event) }
            return try body(event)
        }
    }
}

extension [CallbackEvent] {
    /// Calls `body` with each event in order, lent in place (see `UnsafeBufferPointer.lend`)
    /// rather than copied as a `for … in` loop would.
    public func forEachLent(_ body: (borrowing CallbackEvent) throws -> Void) rethrows {
        try withUnsafeBufferPointer { events in
            for index in events.indices { try events.lend(index, to: body) }
        }
    }
}
