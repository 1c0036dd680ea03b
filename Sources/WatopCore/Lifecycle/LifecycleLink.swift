/// Where one event stands in its message's lifecycle, stored in the event itself (7 bytes).
///
/// In this order, and with the arrival and the current status sharing a byte, the link leaves
/// the byte after it free for the event's own status: the event stays 32 bytes.
struct LifecycleLink: Sendable {
    /// How many sequence numbers back the message's previous event is; 0 for none.
    var back: UInt32 = 0
    /// Every status the message had, this event's included.
    var seen = StatusSet()
    /// The current status's code in the low four bits, the arrival above them.
    private var packed: UInt8

    init(back: UInt32 = 0, arrival: StatusObservation.Arrival = .inOrder, current: StatusCode = .other, seen: StatusSet = StatusSet()) {
        self.back = back
        self.seen = seen
        packed = 0
        self.arrival = arrival
        self.current = current
    }

    /// The message's status once this event was applied.
    var current: StatusCode {
        get { StatusCode(rawValue: packed & 0x0F) }
        set { packed = packed & 0xF0 | newValue.rawValue }
    }

    var arrival: StatusObservation.Arrival {
        get {
            switch packed >> 4 {
            case 1: .outOfOrder
            case 2: .duplicate
            default: .inOrder
            }
        }
        set {
            let bits: UInt8 =
                switch newValue {
                case .inOrder: 0
                case .outOfOrder: 1
                case .duplicate: 2
                }
            packed = packed & 0x0F | bits << 4
        }
    }
}
