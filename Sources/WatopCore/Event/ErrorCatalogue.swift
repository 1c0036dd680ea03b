/// What the error codes of Kaleyra, Meta's WhatsApp platform and Twilio mean, for the
/// error-code table: a callback's own `error` text is often terse or empty.
///
/// One table for every provider, because a callback's code says nothing about who sent it.
/// Kaleyra's own codes are marked `Kaleyra:` so they are not taken for Meta's; Twilio's
/// five-digit codes share no key with the others (a dictionary literal traps on a repeated
/// key), so they need no mark.
public enum ErrorCatalogue {
    /// The meaning of `code`, or nil for a code not in the catalogue (still shown and counted).
    public static func meaning(of code: String) -> String? {
        meanings[code] ?? meanings[code.uppercased()]
    }

    public static let meanings: [String: String] = [
        "131000": "Unknown error",
        "131005": "Access denied",
        "131008": "Required parameter missing",
        "131009": "Parameter value invalid",
        "131016": "Service unavailable",
        "131021": "Sender and recipient are the same number",
        "131026": "Message undeliverable (not a WhatsApp user, terms not accepted, old app)",
        "131030": "Recipient not in the allowed list (test numbers)",
        "131031": "Business account locked",
        "131042": "Business payment issue",
        "131045": "Phone number registration / certificate error",
        "131047": "Re-engagement: more than 24 hours since the user last replied",
        "131048": "Spam rate limit hit",
        "131049": "Not delivered to maintain healthy ecosystem engagement",
        "131051": "Unsupported message type",
        "131052": "Media download error",
        "131053": "Media upload error",
        "131056": "Too many messages to the same recipient (pair rate limit)",
        "131057": "Account in maintenance mode",
        "130429": "Cloud API throughput limit reached",
        "130472": "User is part of a Meta marketing experiment",
        "132000": "Template parameter count mismatch",
        "132001": "Template does not exist or is not approved",
        "132005": "Template text too long",
        "132007": "Template violates policy",
        "132008": "Template parameter value invalid",
        "132012": "Template parameter format mismatch",
        "132015": "Template paused",
        "132016": "Template disabled",
        "133010": "Phone number not registered",
        "135000": "Generic user error",
        "368": "Temporarily blocked for policy violations",
        "470": "Re-engagement window closed (older On-Premises API)",
        "4": "App rate limit",
        "80007": "Business account rate limit",
        "190": "Access token expired",
        "E110": "Kaleyra: insufficient balance",
        "WAV2101": "Kaleyra: daily limit reached",
        "WA400": "Kaleyra: bad payload",
        "WA401": "Kaleyra: unauthorised",
        "WA500": "Kaleyra: internal error",
        // Twilio's codes seen on WhatsApp status callbacks (`ErrorCode`).
        "63003": "Recipient address not found (inactive or invalid number)",
        "63016": "Free-form message outside the 24-hour window: send a template",
        "63018": "Channel rate limit exceeded",
        "63024": "Invalid message recipient",
        "63032": "Recipient is part of a Meta experiment (WhatsApp limitation)",
        "63049": "Meta chose not to deliver this marketing message",
        "30003": "Unreachable destination handset",
        "30004": "Message blocked (e.g. the recipient blocked the sender)",
        "30005": "Unknown destination handset (number unknown or out of service)",
        "30006": "Landline or unreachable carrier",
        "30007": "Message filtered as spam or abuse",
        "30008": "Unknown delivery error",
        "21211": "Invalid 'To' phone number",
        "21408": "Sending to the 'To' number's region is not enabled",
        "21610": "Recipient has unsubscribed (replied STOP)",
        "21614": "'To' number is not a valid mobile number",
    ]
}
