import WatopCore

/// How a provider reports a message that does not get through: the status it gives, the error
/// codes it uses (each list weighted by how often the code is seen) and the texts sent with them.
struct ProviderFailures: Sendable {
    /// A message the provider never passed on.
    var unsent: (status: String, codes: [String])
    /// A message that was sent but never reached the customer.
    var undelivered: (status: String, codes: [String])

    static func of(_ format: CallbackFormat) -> ProviderFailures {
        switch format {
        case .kaleyraV1: ProviderFailures(unsent: ("not-sent", kaleyraCodes), undelivered: ("failed", metaCodes))
        // Meta has no status for a message it refused at once: that is a failure too.
        case .kaleyraV2, .meta: ProviderFailures(unsent: ("failed", metaCodes), undelivered: ("failed", metaCodes))
        // Twilio's `failed` is a message it could not send; `undelivered`, one WhatsApp did not deliver.
        case .twilio: ProviderFailures(unsent: ("failed", twilioCodes), undelivered: ("undelivered", twilioCodes))
        }
    }

    static let metaCodes = [
        "131047", "131047", "131047", "131026", "131026", "131049", "131048", "131056", "130472", "132001",
        "131051", "132015",
    ]
    /// Kaleyra's own reasons for never passing a message on.
    static let kaleyraCodes = ["E110", "WAV2101", "WA400"]
    static let twilioCodes = ["63016", "63016", "63016", "63049", "63049", "63003", "63024", "30008", "63018", "63032"]

    /// The short text each code arrives with: Kaleyra's `error`, Meta's error title, Twilio's
    /// `ChannelStatusMessage`. Terser than the catalogue's meanings.
    static let texts = [
        "131047": "Re-engagement message", "131026": "Message undeliverable",
        "131049": "This message was not delivered to maintain healthy ecosystem engagement.",
        "131048": "Spam rate limit hit", "131056": "(Business Account, Consumer Account) pair rate limit hit",
        "130472": "User's number is part of an experiment", "132001": "Template name does not exist in the translation",
        "131051": "Unsupported message type", "132015": "Template is Paused", "E110": "Insufficient balance",
        "WAV2101": "Daily messaging limit reached", "WA400": "Invalid request payload",
        "63016": "Failed to send freeform message because you are outside the allowed window. "
            + "If you are using WhatsApp, please use a Message Template.",
        "63049": "Meta chose not to deliver this WhatsApp marketing message",
        "63003": "Channel could not find To address", "63024": "Invalid message recipient", "30008": "Unknown error",
        "63018": "Rate limit exceeded for Channel",
        "63032": "We cannot send this message to this user because of a WhatsApp limitation.",
    ]

    /// Meta's `error_data.details`: the longer explanation under the title.
    static let metaDetails = [
        "131047": "Message failed to send because more than 24 hours have passed since the customer last replied "
            + "to this number.",
        "131026": "Unable to deliver message. The number may not be on WhatsApp, or may not have accepted the "
            + "latest terms.",
        "131049": "In order to maintain a healthy ecosystem engagement, the message failed to be delivered.",
        "131048": "Message failed to send because there are restrictions on how many messages can be sent from "
            + "this phone number.",
        "131056": "Message failed to send because too many messages were sent from this phone number to the same "
            + "phone number in a short period of time.",
        "130472": "Message was not sent as part of an experiment.",
        "132001": "template name (order_update) does not exist in en_US",
        "131051": "Message type is not currently supported.",
        "132015": "Template is paused due to low quality so it cannot be sent in a template message.",
    ]
}
