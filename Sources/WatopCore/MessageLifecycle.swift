/// What watop knows of one message (one `id`): its current status and every status callback
/// received for it, in arrival order.
public struct MessageLifecycle: Sendable, Equatable {
    public let id: String
    /// Only moves forward: sent < delivered < read, and failed / not-sent are terminal.
    public private(set) var current: DeliveryStatus
    public private(set) var history: [StatusObservation] = []
    /// Observations beyond `historyLimit` are counted here rather than kept.
    public private(set) var droppedObservations = 0

    public static let historyLimit = 32

    init(first event: CallbackEvent) {
        id = event.id
        current = event.status
        history = [StatusObservation(event: event, arrival: .inOrder)]
    }

    /// Records a later callback and returns how it relates to what came before.
    mutating func observe(_ event: CallbackEvent) -> StatusObservation.Arrival {
        let arrival: StatusObservation.Arrival
        if history.contains(where: { $0.status == event.status }) {
            arrival = .duplicate
        } else if current.isTerminal || event.status.lifecycleRank < current.lifecycleRank {
            arrival = .outOfOrder
        } else {
            arrival = .inOrder
            current = event.status
        }
        if history.count < Self.historyLimit {
            history.append(StatusObservation(event: event, arrival: arrival))
        } else {
            droppedObservations += 1
        }
        return arrival
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

    /// The intervals a newly observed (not duplicate) `status` completes, whichever end of the
    /// interval arrived last. Negative intervals (skewed provider clocks) are left out.
    func latencies(completedBy status: DeliveryStatus) -> LifecycleLatencies {
        var latencies = LifecycleLatencies()
        if status == .sent || status == .delivered {
            latencies.sentToDelivered = elapsed(from: .sent, to: .delivered).flatMap { $0 >= 0 ? $0 : nil }
        }
        if status == .delivered || status == .read {
            latencies.deliveredToRead = elapsed(from: .delivered, to: .read).flatMap { $0 >= 0 ? $0 : nil }
        }
        return latencies
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

    init(event: CallbackEvent, arrival: Arrival) {
        status = event.status
        eventTime = event.eventTime
        receivedAt = event.receivedAt
        sequence = event.sequence
        self.arrival = arrival
    }
}
