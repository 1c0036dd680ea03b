/// The events of one request, in order. Nearly every request carries exactly one, so one is
/// held inline: an array would be a heap allocation for every callback, at intake speed.
public struct CallbackEvents: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case none
        case one(CallbackEvent)
        case many([CallbackEvent])
    }

    private var storage: Storage

    public init() { storage = .none }

    public init(_ event: CallbackEvent) { storage = .one(event) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .many(let events): events.count
        }
    }

    public subscript(position: Int) -> CallbackEvent {
        switch storage {
        case .one(let event):
            precondition(position == 0, "index out of range")
            return event
        case .many(let events): return events[position]
        case .none: preconditionFailure("index out of range")
        }
    }

    public mutating func append(_ event: CallbackEvent) {
        switch storage {
        case .none: storage = .one(event)
        case .one(let first): storage = .many([first, event])
        case .many(var events):
            storage = .none
            events.append(event)
            storage = .many(events)
        }
    }
}
