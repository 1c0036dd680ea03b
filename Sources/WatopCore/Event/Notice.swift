/// Something a provider said about the account rather than about one message: a template
/// approved or paused, a number's quality or messaging limit changed, an account alert, or an
/// error that came without a status. A paused template explains a spike of failures; notices
/// are where a user looks next.
public struct Notice: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `message_template_status_update`: approved, rejected, paused, disabled …
        case template
        /// `phone_number_quality_update`: a number's quality or messaging limit.
        case quality
        /// `account_alerts`: limits, Official Business Account status, profile.
        case alert
        /// An error with no status: `value.errors`, or `messages[].errors` of a customer's message.
        case error
    }

    /// When watop received it.
    public let receivedAt: UnixTime
    public let format: CallbackFormat
    public let kind: Kind
    /// The WhatsApp number, template or account it is about.
    public let subject: String
    /// What happened, in the provider's words.
    public let text: String

    public init(receivedAt: UnixTime, format: CallbackFormat, kind: Kind, subject: String, text: String) {
        self.receivedAt = receivedAt
        self.format = format
        self.kind = kind
        self.subject = subject
        self.text = text
    }

    /// The notice as one JSON line, `"type":"notice"` telling it from an event's line.
    public var jsonLine: String {
        var out = JSONObjectWriter()
        out.string("type", "notice")
        out.time("received_at", receivedAt)
        out.string("format", format.rawValue)
        out.string("kind", kind.rawValue)
        out.string("subject", subject)
        out.string("text", text)
        return out.finished()
    }
}
