/// Which provider's payload shape a callback arrived in. All are taken on the same path and
/// told apart by their shape; `--format` can pin one.
public enum CallbackFormat: String, Sendable, CaseIterable, Comparable {
    /// Kaleyra's callback profile: flat fields in the query, a JSON object or form pairs.
    case kaleyraV1 = "kaleyra-v1"
    /// Kaleyra's WhatsApp API v2 webhook: Meta's status object inside Kaleyra's envelope.
    case kaleyraV2 = "kaleyra-v2"
    /// Meta's WhatsApp Cloud API webhook (`object: whatsapp_business_account`).
    case meta
    /// Twilio's WhatsApp status callback (form POST with `MessageSid`).
    case twilio

    /// The company behind the format, as the filter's `provider:` and the metrics name it.
    public var provider: String {
        switch self {
        case .kaleyraV1, .kaleyraV2: "kaleyra"
        case .meta: "meta"
        case .twilio: "twilio"
        }
    }

    /// Index into fixed-size per-format counters.
    public var slot: Int {
        switch self {
        case .kaleyraV1: 0
        case .kaleyraV2: 1
        case .meta: 2
        case .twilio: 3
        }
    }

    public static func < (lhs: CallbackFormat, rhs: CallbackFormat) -> Bool { lhs.slot < rhs.slot }
}

/// Something in an accepted request that its format does not allow but watop tolerates on
/// purpose, counted so that nobody mistakes tolerance for correctness.
public enum ParsingQuirk: String, Sendable, CaseIterable, Comparable {
    /// A comma before `}` or `]`, as in Kaleyra's own published v2 sample.
    case trailingComma = "trailing-comma"

    public static func < (lhs: ParsingQuirk, rhs: ParsingQuirk) -> Bool { lhs.rawValue < rhs.rawValue }
}
