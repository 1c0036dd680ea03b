import WatopCore

/// Which of Meta's shapes a message's statuses take, old and new mixed as they are in the wild
/// (an app subscribes each webhook field at its own version): per-message pricing or the older
/// conversation-based one, the sender's opaque data, a business-scoped user id instead of the
/// number. Decided from the message id, so that the traffic's random draws stay as they were.
struct MetaShape {
    /// Since July 2025: `pricing_model` PMP with a `type`, and no `conversation` object.
    let perMessagePricing: Bool
    /// What the sender attached as `biz_opaque_callback_data`, echoed on every status.
    let opaqueData: String?
    /// The business-scoped user id the message went to, with no `recipient_id`.
    let userID: String?
    /// A voice message: it is `played` after it is read.
    let isVoice: Bool

    init(of message: SimulatedMessage) {
        // FNV-1a: the same on every run and platform, unlike `Hasher`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in message.id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        perMessagePricing = hash % 2 == 0
        opaqueData = (hash >> 8) % 5 < 2 ? "campaign-\((hash >> 16) % 12 + 1)" : nil
        userID = (hash >> 24) % 10 == 0 ? "US.1349\(String((hash >> 28) % 10_000_000_000_000, radix: 10))" : nil
        isVoice = (hash >> 40) % 10 == 0
    }
}
