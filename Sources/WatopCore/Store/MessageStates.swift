/// The store's message table as a filter reads it (`stuck:`, `age:`): how an event's message
/// stands at a moment. A window onto the live table rather than a copy, which would cost the
/// whole table each frame: each question takes the store's lock for one look-up, so only a
/// filter that asks pays, once per event it tests.
public struct MessageStates: Sendable {
    private let store: EventStore

    init(store: EventStore) {
        self.store = store
    }

    /// How the message of `event` stands at `now`; nil while the table does not hold it.
    func state(of event: borrowing CallbackEvent, at now: UnixTime) -> MessageState? {
        store.messageState(of: event.withBytes(of: .id, MessageKey.init(id:)), at: now)
    }
}
