import WatopCore

/// The shape of simulated traffic: who sends, to whom, how often things go wrong.
public struct TrafficProfile: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case get, post, mixed
    }

    /// The providers' formats to send in; with several, each message is given one of them.
    public var formats: [CallbackFormat] = [.kaleyraV1]
    /// How Kaleyra v1 callbacks are sent; the other formats are always POSTs.
    public var method: Method = .mixed
    /// Distinct WhatsApp numbers to send from.
    public var whatsappNumbers = 3
    /// Distinct recipients.
    public var recipients = 500
    /// Share of messages that fail (0…1).
    public var failureRate = 0.08
    /// Share of messages the provider never passes on.
    public var notSentRate = 0.02
    /// Share of messages left in `sent`: passed on, but never reported delivered nor failed, as
    /// when a phone stays off for days. None by default, so that a seed's traffic stays the same.
    public var stuckRate = 0.0
    /// Share of later callbacks that arrive before an earlier one.
    public var outOfOrderRate = 0.03
    /// Share of callbacks sent twice.
    public var duplicateRate = 0.02
    /// Share of delivered Kaleyra v1 callbacks that carry a price.
    public var pricedRate = 0.6
    public var seed: UInt64 = 1

    public init() {}
}
