extension UnsafeBufferPointer {
    /// Calls `body` with the element at `index`, lent without copying it: events, and the
    /// terms and conditions a filter tests each event with.
    ///
    /// Passing `self[index]` to a closure makes a copy: the compiler cannot know that the
    /// closure leaves this memory alone. For an event that is a retain and a release of its
    /// block, atomic operations on cache lines long out of cache, for every event of a walk
    /// over the buffer. For a filter's term it is a retain and a release of its arrays for
    /// every event tested, and each of those atomics waits for the previous event's cold read
    /// to finish, so that reads of successive events cannot overlap.
    ///
    /// Here the element's bits are copied to a local slot and moved out of it, so that the
    /// call borrows a value this frame owns in name only (the buffer still holds it), and
    /// after the call they are moved back into the slot, which is never deinitialised: no
    /// count is taken or dropped. `body` may copy what it is lent (that copy counts as usual);
    /// the buffer's memory must outlive the call, as for any borrow.
    @inline(__always)
    func lend<Result>(_ index: Int, to body: (borrowing Element) throws -> Result) rethrows -> Result {
        precondition(index >= 0 && index < count, "lending an element outside the buffer")
        return try withUnsafeTemporaryAllocation(of: Element.self, capacity: 1) { slot in
            let place = slot.baseAddress!
            UnsafeMutableRawPointer(place).copyMemory(from: baseAddress! + index, byteCount: MemoryLayout<Element>.size)
            let element = place.move()
            defer { place.initialize(to: element) }
            return try body(element)
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
