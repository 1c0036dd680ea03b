import WatopCore

/// What a simulation sent and how it was answered.
public struct SimulationReport: Sendable, Equatable {
    /// Callbacks (HTTP requests) written to the target.
    public var sent = 0
    /// Events those callbacks carried: more than `sent` when Meta webhooks hold several.
    /// What a receiver that accepted everything has counted.
    public var events = 0
    /// Answers by HTTP status code.
    public var answered: [Int: Int] = [:]
    /// Callbacks that got no answer (connection lost).
    public var failures = 0
    /// Events sent per status (`inbound` for customers' messages), for checking what the receiver counted.
    public var statuses: [String: Int] = [:]
    /// Events sent per format.
    public var formats: [CallbackFormat: Int] = [:]
    public var elapsedSeconds = 0.0

    public init() {}

    /// Callbacks (requests) per second.
    public var rate: Double { elapsedSeconds > 0 ? Double(sent) / elapsedSeconds : 0 }

    mutating func recordAnswer(_ status: Int, events: Int) {
        sent += 1
        self.events += events
        answered[status, default: 0] += 1
    }

    mutating func recordFailure(events: Int) {
        sent += 1
        self.events += events
        failures += 1
    }

    mutating func merge(_ other: SimulationReport) {
        sent += other.sent
        events += other.events
        failures += other.failures
        answered.merge(other.answered, uniquingKeysWith: +)
        statuses.merge(other.statuses, uniquingKeysWith: +)
        formats.merge(other.formats, uniquingKeysWith: +)
    }

    /// One line for progress output.
    public var progressLine: String {
        let codes = answered.keys.sorted().map { "\($0): \(answered[$0]!)" }.joined(separator: "  ")
        return "sent \(sent)\(eventsNote)  \(Int(rate.rounded()))/s  \(codes)"
            + (failures > 0 ? "  no answer: \(failures)" : "")
    }

    /// The closing summary.
    public var summary: String {
        var lines = ["sent \(sent) callbacks\(eventsNote) in \(format2(elapsedSeconds)) s (\(Int(rate.rounded()))/s)"]
        for code in answered.keys.sorted() { lines.append("  answered \(code): \(answered[code]!)") }
        if failures > 0 { lines.append("  no answer: \(failures)") }
        let byStatus = statuses.keys.sorted { DeliveryStatus(parsing: $0).listOrder < DeliveryStatus(parsing: $1).listOrder }
            .map { "\($0) \(statuses[$0]!)" }.joined(separator: ", ")
        lines.append("  statuses sent: \(byStatus)")
        if formats.count > 1 {
            let byFormat = formats.keys.sorted().map { "\($0.rawValue) \(formats[$0]!)" }.joined(separator: ", ")
            lines.append("  events by format: \(byFormat)")
        }
        return lines.joined(separator: "\n")
    }

    /// The events, when callbacks carried more than one each.
    private var eventsNote: String { events == sent ? "" : " (\(events) events)" }

    private func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
