/// Where one event stands in its message's lifecycle, stored in the event itself (7 bytes).
struct LifecycleLink: Sendable {
    /// How many sequence numbers back the message's previous event is; 0 for none.
    var back: UInt32 = 0
    var arrival: StatusObservation.Arrival = .inOrder
    /// The message's status once this event was applied.
    var current = StatusCode.other
    /// Every status the message had, this event's included.
    var seen = StatusSet()
}
