import ArgumentParser
import WatopCore
import WatopSimulator

/// The shape of simulated traffic, the same flags for `watop --demo` and `watop simulate`. The
/// two differ only in the defaults they give, which `Defaults` holds.
struct TrafficOptions: ParsableArguments {
    /// What a command sends when a flag is not given.
    struct Defaults {
        var callbacksPerSecond: Double
        var format: FormatChoice
        var recipients: Int
        var stuckRate: Double

        /// `watop --demo`: every format, enough recipients for the numbers panel to fill, and a
        /// few messages left in sent for the Stuck view.
        static let demo = Defaults(callbacksPerSecond: 40, format: .allFormats, recipients: 2000, stuckRate: 0.02)
        /// `watop simulate`: Kaleyra v1, the format watop is first of all for.
        static let simulate = Defaults(callbacksPerSecond: 50, format: FormatChoice(.kaleyraV1), recipients: 500, stuckRate: 0)
    }

    @Option(help: "Callbacks (HTTP requests) per second, e.g. 200 or 200/s; 0 sends as fast as the receiver answers. (default: 40 with --demo, 50 with simulate)")
    var rate: PerSecond?

    @Option(
        name: .customLong("traffic-format"),
        help: "Payload format; mixed gives each message one of the four providers' formats. (default: mixed with --demo, kaleyra-v1 with simulate)")
    var format: FormatChoice?

    @Option(help: "How kaleyra-v1 callbacks are sent: get (query), post (JSON body) or mixed.")
    var method: TrafficProfile.Method = .mixed

    @Option(help: "Distinct WhatsApp numbers to send from.")
    var numbers = 3

    @Option(help: "Distinct recipients. (default: 2000 with --demo, 500 with simulate)")
    var recipients: Int?

    @Option(name: .customLong("failure-rate"), help: "Share of messages that fail, 0 to 1.")
    var failureRate = 0.08

    @Option(
        name: .customLong("stuck-rate"),
        help: "Share of messages left in sent, never delivered nor failed, 0 to 1. (default: 0.02 with --demo, 0 with simulate)")
    var stuckRate: Double?

    @Option(help: "Seed for the traffic; the same seed sends the same callbacks.")
    var seed: UInt64 = 1

    func validate() throws {
        _ = try callbacksPerSecond(.simulate)
        guard (1...1000).contains(numbers) else { throw ValidationError("--numbers \(numbers) must be 1–1000") }
        if let recipients, recipients < 1 { throw ValidationError("--recipients \(recipients) must be at least 1") }
        guard (0...1).contains(failureRate) else {
            throw ValidationError("--failure-rate \(failureRate) must be between 0 and 1")
        }
        if let stuckRate, !(0...1).contains(stuckRate) {
            throw ValidationError("--stuck-rate \(stuckRate) must be between 0 and 1")
        }
    }

    /// The rate asked for; nil means as fast as the receiver answers.
    func callbacksPerSecond(_ defaults: Defaults) throws -> Double? {
        guard let rate else { return defaults.callbacksPerSecond }
        guard rate.value <= 1_000_000 else {
            throw ValidationError("--rate \(rate.value) must be at most 1000000 callbacks per second")
        }
        return rate.value == 0 ? nil : rate.value
    }

    func formatChoice(_ defaults: Defaults) -> FormatChoice { format ?? defaults.format }

    func profile(_ defaults: Defaults) -> TrafficProfile {
        var profile = TrafficProfile()
        profile.formats = formatChoice(defaults).formats
        profile.method = method
        profile.whatsappNumbers = numbers
        profile.recipients = recipients ?? defaults.recipients
        profile.failureRate = failureRate
        profile.notSentRate = min(profile.notSentRate, 1 - failureRate)
        profile.stuckRate = min(stuckRate ?? defaults.stuckRate, 1 - failureRate - profile.notSentRate)
        profile.seed = seed
        return profile
    }
}

extension TrafficProfile.Method: ExpressibleByArgument {}

/// `--traffic-format`: one provider's format, or `mixed` for all of them.
struct FormatChoice: ExpressibleByArgument {
    static let mixed = "mixed"

    let formats: [CallbackFormat]
    /// As given: a format's name, or `mixed`.
    let name: String

    init(_ format: CallbackFormat) {
        formats = [format]
        name = format.rawValue
    }

    /// `mixed`: every format, each message in one of them.
    static let allFormats = FormatChoice(argument: mixed)!

    init?(argument: String) {
        if argument == Self.mixed {
            formats = CallbackFormat.allCases
        } else if let format = CallbackFormat(rawValue: argument) {
            formats = [format]
        } else {
            return nil
        }
        name = argument
    }

    static var allValueStrings: [String] { CallbackFormat.allCases.map(\.rawValue) + [mixed] }

    var defaultValueDescription: String { name }
}
