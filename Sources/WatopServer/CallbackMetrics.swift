import NIOConcurrencyHelpers
import Prometheus
import WatopCore

/// Watop's intake as Prometheus metrics (`GET /metrics`), kept by swift-prometheus.
///
/// Counters follow the store as it accepts and refuses (it is the store's observer); gauges
/// of the ring are read from a snapshot at each scrape. Every label whose values come from
/// callbacks (WhatsApp number, error code, unknown status) has a bounded set of values: the
/// first ones seen get their own series and the rest are counted under `other`, so that a
/// flood of distinct values cannot grow the exposition without end.
public final class CallbackMetrics: StoreObserver {
    public static let defaultMaximumNumbers = 50

    /// `watop_<name>`; the part after the last `_` is the unit swift-prometheus asks for.
    fileprivate static func named(_ name: String, _ help: String) -> MetricNameDescriptor {
        let unit = name.lastIndex(of: "_")!
        return MetricNameDescriptor(
            namespace: "watop", metricName: String(name[..<unit]), unitName: String(name[name.index(after: unit)...]),
            helpText: help)
    }
    static let maximumErrorCodes = 100
    static let maximumOtherStatuses = 20
    static let overflowLabel = "other"

    private let registry = PrometheusCollectorRegistry()
    private let series: NIOLockedValueBox<Series>
    private let price: Counter
    private let pricedEvents: Counter
    private let sentToDelivered: ValueHistogram
    private let deliveredToRead: ValueHistogram
    private let rejections: [RejectionReason: Counter]
    private let quirks: [ParsingQuirk: Counter]
    private let bufferEvents, bufferCapacity, bufferFill, overwritten, messagesTracked, messagesStuck, notices, startTime: Gauge
    /// Messages by where they stand, from the message table, read at each scrape.
    private let messages: [(gauge: Gauge, value: @Sendable (MessageFunnel) -> Int)]
    private let forwardOutcomes: [ForwardState: Counter]
    private let forwardLatency: ValueHistogram
    private let forwardQueueDepth: Gauge
    /// The alert rules, with a `watop_alert_firing{rule}` gauge each, once `report` is called.
    private let alerts = NIOLockedValueBox<(monitor: AlertMonitor, gauges: [Gauge])?>(nil)
    /// The history database's progress (`--store`), with its gauges, once `report` is called.
    private let history = NIOLockedValueBox<(progress: @Sendable () -> HistoryProgress, gauges: HistoryGauges)?>(nil)

    private struct HistoryGauges {
        var written, backlogLines, backlogBytes, failing: Gauge
    }

    /// Counters whose labels are only known once a callback names them.
    private struct Series {
        /// Per format, a counter per status: the named statuses in fixed slots, found without
        /// hashing for every event.
        var events = [StatusKeyed<Counter>](repeating: StatusKeyed(), count: CallbackFormat.allCases.count)
        var otherStatuses = BoundedLabels(limit: CallbackMetrics.maximumOtherStatuses)
        var errorCodes = BoundedCounters(
            labels: BoundedLabels(limit: CallbackMetrics.maximumErrorCodes), label: "code",
            name: "error_events_total", help: "Accepted events that carried an error code, by code.")
        var numbers: BoundedCounters
    }

    /// - Parameter maximumNumbers: WhatsApp numbers with their own series (`--metrics-max-numbers`).
    public init(maximumNumbers: Int = defaultMaximumNumbers, startedAt: UnixTime) {
        let numbers = BoundedCounters(
            labels: BoundedLabels(limit: maximumNumbers), label: "number", name: "whatsapp_number_events_total",
            help: "Accepted events by WhatsApp number (the first --metrics-max-numbers seen; the rest as other).")
        series = NIOLockedValueBox(Series(numbers: numbers))
        price = registry.makeCounter(
            descriptor: Self.named("reported_price_total", "Sum of the prices callbacks reported, in the account's currency."))
        pricedEvents = registry.makeCounter(
            descriptor: Self.named("priced_events_total", "Accepted events that carried a price."))
        sentToDelivered = registry.makeValueHistogram(
            descriptor: Self.named(
                "sent_to_delivered_seconds",
                "From a message's sent status to its delivered status, by the provider's timestamps."),
            buckets: [1, 2, 5, 10, 30, 60, 120, 300, 900, 3600, 21600, 86400])
        deliveredToRead = registry.makeValueHistogram(
            descriptor: Self.named(
                "delivered_to_read_seconds",
                "From a message's delivered status to its read status, by the provider's timestamps."),
            buckets: [5, 30, 60, 300, 900, 3600, 14400, 43200, 86400, 259200])
        var rejections: [RejectionReason: Counter] = [:]
        for reason in RejectionReason.allCases {
            rejections[reason] = registry.makeCounter(
                descriptor: Self.named("rejected_total", "Requests and request items refused, by reason."),
                labels: [("reason", reason.rawValue)])
        }
        self.rejections = rejections
        var quirks: [ParsingQuirk: Counter] = [:]
        for quirk in ParsingQuirk.allCases {
            quirks[quirk] = registry.makeCounter(
                descriptor: Self.named(
                    "tolerated_quirks_total", "Accepted requests that needed a tolerated departure from their format."),
                labels: [("quirk", quirk.rawValue)])
        }
        self.quirks = quirks
        bufferEvents = registry.makeGauge(descriptor: Self.named("buffer_events", "Events held in the ring buffer."))
        bufferCapacity = registry.makeGauge(
            descriptor: Self.named("buffer_capacity", "Events the ring buffer can hold (--buffer)."))
        bufferFill = registry.makeGauge(descriptor: Self.named("buffer_fill_ratio", "Held events over capacity, 0 to 1."))
        overwritten = registry.makeGauge(
            descriptor: Self.named("buffer_overwritten_events", "Events pushed out of the ring buffer since start."))
        messagesStuck = registry.makeGauge(
            descriptor: Self.named("messages_stuck", "Messages pending with no callback for longer than --stuck-after."))
        notices = registry.makeGauge(
            descriptor: Self.named(
                "notices_received", "Notices since start: template and number-quality updates, account alerts, errors without a status."))
        messagesTracked = registry.makeGauge(
            descriptor: Self.named("messages_tracked", "Messages whose lifecycle is held (those with an event in the buffer)."))
        let messageGauges: [(String, String, @Sendable (MessageFunnel) -> Int)] = [
            ("messages_seen", "Messages held in the message table (--messages), whatever status was seen first.", \.total.seen),
            ("messages_reached", "Messages held that were delivered or read.", \.total.reached),
            ("messages_read", "Messages held that were read.", \.total.read),
            ("messages_failed", "Messages held that failed, were undelivered or not sent.", \.total.failed),
            ("messages_pending", "Messages held neither reached nor failed yet.", \.total.pending),
            ("messages_evicted", "Messages let go of the full message table since start, idle the longest first.", \.evicted),
            ("messages_charged", "Messages held that the provider charges (Meta's pricing type regular), each once.", \.total.charged),
        ]
        let registry = registry
        messages = messageGauges.map { name, help, value in
            (registry.makeGauge(descriptor: CallbackMetrics.named(name, help)), value)
        }
        startTime = registry.makeGauge(descriptor: Self.named("start_time_seconds", "When this watop started, in Unix seconds."))
        startTime.set(Double(startedAt.milliseconds) / 1000)
        var forwardOutcomes: [ForwardState: Counter] = [:]
        // An attempt ends in one of these three; queued and dead-letter are where a request stands.
        for state in [ForwardState.delivered, .refused, .failed] {
            forwardOutcomes[state] = registry.makeCounter(
                descriptor: Self.named(
                    "forward_requests_total",
                    "Attempts at delivering a request to the app (--forward-to), by outcome: ok (2xx), refused (another status), failed (no answer)."),
                labels: [("outcome", state.name)])
        }
        self.forwardOutcomes = forwardOutcomes
        forwardLatency = registry.makeValueHistogram(
            descriptor: Self.named("forward_latency_seconds", "From sending a request to the app to its answer, or to the failure."),
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30])
        forwardQueueDepth = registry.makeGauge(
            descriptor: Self.named(
                "forward_queue_depth",
                "Requests not yet delivered to the app: in flight (sync), or waiting in the journal (queue mode)."))
    }

    public func accepted(_ event: CallbackEvent, completing latencies: LifecycleLatencies) {
        let counters = series.withLockedValue { series in
            (
                eventCounter(event, in: &series),
                event.errorCode.map { series.errorCodes.counter(for: $0, in: registry) },
                series.numbers.counter(for: event.whatsappNumber ?? "unknown", in: registry)
            )
        }
        counters.0.increment()
        counters.1?.increment()
        counters.2.increment()
        if let amount = event.price {
            price.increment(by: amount.units)
            pricedEvents.increment()
        }
        if let millis = latencies.sentToDelivered { sentToDelivered.record(Double(millis) / 1000) }
        if let millis = latencies.deliveredToRead { deliveredToRead.record(Double(millis) / 1000) }
    }

    public func rejected(_ reason: RejectionReason) {
        rejections[reason]?.increment()
    }

    public func tolerated(_ quirk: ParsingQuirk) {
        quirks[quirk]?.increment()
    }

    public func forwarded(_ attempt: ForwardAttempt) {
        forwardOutcomes[attempt.state]?.increment()
        forwardLatency.record(Double(attempt.latencyMicroseconds) / 1_000_000)
    }

    /// The text exposition, with the ring's gauges read from `store` now.
    public func exposition(of store: EventStore) -> [UInt8] {
        let snapshot = store.snapshot()
        bufferEvents.set(Double(snapshot.events.count))
        bufferCapacity.set(Double(snapshot.capacity))
        bufferFill.set(snapshot.capacity > 0 ? Double(snapshot.events.count) / Double(snapshot.capacity) : 0)
        overwritten.set(Double(snapshot.overwritten))
        messagesTracked.set(Double(snapshot.messagesTracked))
        notices.set(Double(snapshot.aggregates.notices))
        messagesStuck.set(Double(snapshot.stuck.total))
        for (gauge, value) in messages { gauge.set(Double(value(snapshot.messages))) }
        if let health = snapshot.forwards?.health { forwardQueueDepth.set(Double(max(health.queueDepth, health.inFlight))) }
        if let (monitor, gauges) = alerts.withLockedValue({ $0 }) {
            for (gauge, status) in zip(gauges, monitor.statuses()) { gauge.set(Double(status.firing ? 1 : 0)) }
        }
        if let (progress, gauges) = history.withLockedValue({ $0 }) {
            let now = progress()
            gauges.written.set(Double(now.eventsWritten))
            gauges.backlogLines.set(Double(now.backlogLines))
            gauges.backlogBytes.set(Double(now.backlogBytes))
            gauges.failing.set(Double(now.problem == nil ? 0 : 1))
        }
        return registry.emitToBuffer()
    }

    /// Exports whether each of the monitor's rules is firing, as of its last check.
    public func report(_ monitor: AlertMonitor) {
        let gauges = monitor.rules.map {
            registry.makeGauge(
                descriptor: Self.named("alert_firing", "1 while the alert rule fires, else 0 (--alert)."), labels: [("rule", $0.text)])
        }
        alerts.withLockedValue { $0 = (monitor, gauges) }
    }

    /// Exports how far the history database is behind the journal, read at each scrape.
    public func report(history progress: @escaping @Sendable () -> HistoryProgress) {
        let gauges = HistoryGauges(
            written: registry.makeGauge(
                descriptor: Self.named("history_events_written", "Events written into the history database (--store) since start.")),
            backlogLines: registry.makeGauge(
                descriptor: Self.named("history_backlog_lines", "Journal lines not yet in the history database (estimated from bytes).")),
            backlogBytes: registry.makeGauge(
                descriptor: Self.named("history_backlog_bytes", "Journal bytes not yet in the history database.")),
            failing: registry.makeGauge(
                descriptor: Self.named("history_write_failing", "1 while writes to the history database fail (it retries), else 0.")))
        history.withLockedValue { $0 = (progress, gauges) }
    }

    private func eventCounter(_ event: CallbackEvent, in series: inout Series) -> Counter {
        var status = event.status
        if case .other(let text) = status { status = .other(series.otherStatuses.label(for: text)) }
        let format = event.format
        if let counter = series.events[format.slot][status] { return counter }
        let counter = registry.makeCounter(
            descriptor: Self.named("events_total", "Accepted events, by status and by the provider and format they came in."),
            labels: [("status", status.name), ("provider", format.provider), ("format", format.rawValue)])
        series.events[format.slot][status] = counter
        return counter
    }
}

/// Counters of one metric labelled by values that come from callbacks, within a bound.
private struct BoundedCounters {
    var labels: BoundedLabels
    let label: String
    let name: String
    let help: String
    private var counters: [String: Counter] = [:]
    /// The value asked for last and its counter: callbacks mostly repeat the same sending
    /// number, and comparing two short strings is cheaper than hashing one.
    private var last: (value: String, counter: Counter)?

    init(labels: BoundedLabels, label: String, name: String, help: String) {
        self.labels = labels
        self.label = label
        self.name = name
        self.help = help
    }

    mutating func counter(for value: String, in registry: PrometheusCollectorRegistry) -> Counter {
        if let last, last.value == value { return last.counter }
        let counter = lookUp(value, in: registry)
        last = (value, counter)
        return counter
    }

    private mutating func lookUp(_ value: String, in registry: PrometheusCollectorRegistry) -> Counter {
        // An admitted value is its own label: one lookup for nearly every event.
        if let counter = counters[value] { return counter }
        let labelValue = labels.label(for: value)
        if let counter = counters[labelValue] { return counter }
        let counter = registry.makeCounter(descriptor: CallbackMetrics.named(name, help), labels: [(label, labelValue)])
        counters[labelValue] = counter
        return counter
    }
}

/// Hands out label values: the first `limit` distinct values keep their own, the rest share
/// `other`. Values are clipped to 64 characters, so one label value stays small.
struct BoundedLabels {
    let limit: Int
    private var admitted: Set<String> = []

    init(limit: Int) { self.limit = limit }

    mutating func label(for value: String) -> String {
        let value = String(value.prefix(64))
        if admitted.contains(value) { return value }
        guard admitted.count < limit else { return CallbackMetrics.overflowLabel }
        admitted.insert(value)
        return value
    }
}
