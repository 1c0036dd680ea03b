import WatopCore

/// A status as Twilio's WhatsApp status callback sends it: form pairs in a POST body, numbers
/// with Twilio's `whatsapp:` channel prefix.
enum TwilioRendering {
    static func request(for update: StatusUpdate, accounts: ProviderAccounts) -> SimulatedRequest {
        let message = update.message
        var pairs: [(name: String, value: String)] = []
        // Twilio names the event only for the receipts WhatsApp sends back.
        if update.status == "delivered" || update.status == "read" {
            pairs.append(("EventType", update.status.uppercased()))
        }
        pairs += [
            ("SmsSid", message.id), ("SmsStatus", update.status), ("MessageStatus", update.status),
            ("ChannelToAddress", "+" + message.recipient), ("To", "whatsapp:+" + message.recipient),
            ("ChannelPrefix", "whatsapp"), ("MessageSid", message.id), ("AccountSid", accounts.twilioAccountSID),
            ("From", "whatsapp:+" + message.sender), ("ApiVersion", "2010-04-01"),
        ]
        if let code = update.code {
            pairs += [("ErrorCode", code), ("ChannelStatusMessage", ProviderFailures.texts[code] ?? "Unknown error")]
        }
        let payload = SimulatedRequest.Payload.body(
            FormEncoding.pairs(pairs), contentType: "application/x-www-form-urlencoded")
        return SimulatedRequest(format: .twilio, payload: payload, events: [update.event])
    }
}
