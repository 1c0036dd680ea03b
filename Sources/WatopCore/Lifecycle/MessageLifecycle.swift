/// What watop knows of one message (one `id`): its current status and the status callbacks
/// for it that the buffer still holds, in arrival order.
public struct MessageLifecycle: Sendable, Equatable {
    public let id: String
    /// Only moves forward: sent < delivered < read, and failed / not-sent are terminal.
    public let current: DeliveryStatus
    public let history: [StatusObservation]
    /// Observations beyond `historyLimit` are counted here rather than listed.
    public let droppedObservations: Int

    public static let historyLimit = 32

    init(id: String, current: DeliveryStatus, history: [StatusObservation], droppedObservations: Int) {
        self.id = id
        self.current = current
        self.history = history
        self.droppedObservations = droppedObservations
    }

    /// When the message reached `status`, by the provider's timestamp when given.
    public func time(of status: DeliveryStatus) -> UnixTime? {
        history.first { $0.status == status }?.eventTime
    }

    /// From sent to delivered, in milliseconds, when both are known.
    public var timeToDelivered: Int64? { elapsed(from: .sent, to: .delivered) }

    /// From sent to read, in milliseconds, when both are known.
    public var timeToRead: Int64? { elapsed(from: .sent, to: .read) }

    private func elapsed(from start: DeliveryStatus, to end: DeliveryStatus) -> Int64? {
        guard let startTime = time(of: start), let endTime = time(of: end) else { return nil }
        return endTime.milliseconds - startTime.milliseconds
    }
}

/// Lifecycle intervals completed by one callback, in milliseconds, for the latency histograms.
public struct LifecycleLatencies: Sendable, Equatable {
    public var sentToDelivered: Int64?
    public var deliveredToRead: Int64?

    public init(sentToDelivered: Int64? = nil, deliveredToRead: Int64? = nil) {
        self.sentToDelivered = sentToDelivered
        self.deliveredToRead = deliveredToRead
    }
}

/// One status callback as seen in a message's lifecycle.
public struct StatusObservation: Sendable, Equatable {
    public enum Arrival: Sendable, Equatable {
        /// Moved the message forward (or was its first callback).
        case inOrder
        /// An earlier status arriving after a later one: kept, but no downgrade.
        case outOfOrder
        /// The same status again.
        case duplicate
    }

    public let status: DeliveryStatus
    public let eventTime: UnixTime
    public let receivedAt: UnixTime
    public let sequence: UInt64
    public let arrival: Arrival

    init(event: CallbackEvent) {
        status = event.status
        eventTime = event.eventTime
        receivedAt = event.receivedAt
        sequence = event.sequence
        arrival = event.link.arrival
    }
}
