import WatopCore

/// What a simulation sent and how it was answered.
public struct SimulationReport: Sendable, Equatable {
    /// Callbacks written to the target.
    public var sent = 0
    /// Answers by HTTP status code.
    public var answered: [Int: Int] = [:]
    /// Callbacks that got no answer (connection lost).
    public var failures = 0
    /// Callbacks sent per status, for checking what the receiver counted.
    public var statuses: [String: Int] = [:]
    public var elapsedSeconds = 0.0

    public init() {}

    public var rate: Double { elapsedSeconds > 0 ? Double(sent) / elapsedSeconds : 0 }

    mutating func merge(_ other: SimulationReport) {
        sent += other.sent
        failures += other.failures
        answered.merge(other.answered, uniquingKeysWith: +)
        statuses.merge(other.statuses, uniquingKeysWith: +)
    }

    /// One line for progress output.
    public var progressLine: String {
        let codes = answered.keys.sorted().map { "\($0): \(answered[$0]!)" }.joined(separator: "  ")
        return "sent \(sent)  \(Int(rate.rounded()))/s  \(codes)\(failures > 0 ? "  no answer: \(failures)" : "")"
    }

    /// The closing summary.
    public var summary: String {
        var lines = ["sent \(sent) callbacks in \(String(format2(elapsedSeconds))) s (\(Int(rate.rounded()))/s)"]
        for code in answered.keys.sorted() { lines.append("  answered \(code): \(answered[code]!)") }
        if failures > 0 { lines.append("  no answer: \(failures)") }
        let byStatus = statuses.keys.sorted { DeliveryStatus(parsing: $0).listOrder < DeliveryStatus(parsing: $1).listOrder }
            .map { "\($0) \(statuses[$0]!)" }.joined(separator: ", ")
        lines.append("  statuses sent: \(byStatus)")
        return lines.joined(separator: "\n")
    }

    private func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
