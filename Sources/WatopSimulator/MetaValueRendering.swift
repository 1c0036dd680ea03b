import WatopCore

/// The `value` of Meta's `messages` webhook change: the statuses of one business number's
/// messages and what its customers sent. Meta's webhook carries it as is; Kaleyra v2 wraps it.
enum MetaValueRendering {
    /// Every status and message must belong to `sender`'s number: a value has one `metadata`.
    static func value(
        sender: String, statuses: [StatusUpdate], messages: [InboundMessage] = [], accounts: ProviderAccounts
    ) -> String {
        var metadata = JSONObjectWriter()
        metadata.string("display_phone_number", sender)
        metadata.string("phone_number_id", accounts.phoneNumberID(of: sender))
        var value = JSONObjectWriter()
        value.string("messaging_product", "whatsapp")
        value.raw("metadata", metadata.finished())
        if !statuses.isEmpty { value.raw("statuses", array(statuses.map(status))) }
        if !messages.isEmpty {
            value.raw("contacts", array(messages.map(contact)))
            value.raw("messages", array(messages.map(message)))
        }
        return value.finished()
    }

    private static func status(_ update: StatusUpdate) -> String {
        let shape = MetaShape(of: update.message)
        var status = JSONObjectWriter()
        status.string("id", update.message.id)
        status.string("status", update.status)
        status.string("timestamp", String(update.timestamp))
        if let userID = shape.userID {
            status.string("recipient_user_id", userID)
        } else {
            status.string("recipient_id", update.message.recipient)
        }
        if let opaque = shape.opaqueData { status.string("biz_opaque_callback_data", opaque) }
        // Meta says what a message is billed as when it is sent and delivered, not when read.
        if let conversation = update.message.conversation, update.status == "sent" || update.status == "delivered" {
            var pricing = JSONObjectWriter()
            pricing.raw("billable", conversation.isBillable ? "true" : "false")
            if shape.perMessagePricing {
                pricing.string("pricing_model", "PMP")
                pricing.string("type", conversation.isBillable ? "regular" : "free_customer_service")
            } else {
                var origin = JSONObjectWriter()
                origin.string("type", conversation.category)
                var conversationObject = JSONObjectWriter()
                conversationObject.string("id", conversation.id)
                conversationObject.raw("origin", origin.finished())
                status.raw("conversation", conversationObject.finished())
                pricing.string("pricing_model", "CBP")
            }
            pricing.string("category", conversation.category)
            status.raw("pricing", pricing.finished())
        }
        if let code = update.code {
            status.raw("errors", array([error(code)]))
        }
        return status.finished()
    }

    private static func error(_ code: String) -> String {
        let title = ProviderFailures.texts[code] ?? "Unknown error"
        var error = JSONObjectWriter()
        error.number("code", code)
        error.string("title", title)
        error.string("message", title)
        var data = JSONObjectWriter()
        data.string("details", ProviderFailures.metaDetails[code] ?? title)
        error.raw("error_data", data.finished())
        return error.finished()
    }

    private static func contact(_ message: InboundMessage) -> String {
        var profile = JSONObjectWriter()
        profile.string("name", message.name)
        var contact = JSONObjectWriter()
        contact.raw("profile", profile.finished())
        contact.string("wa_id", message.from)
        return contact.finished()
    }

    private static func message(_ message: InboundMessage) -> String {
        var text = JSONObjectWriter()
        text.string("body", message.text)
        var object = JSONObjectWriter()
        object.string("from", message.from)
        object.string("id", message.id)
        object.string("timestamp", String(message.timestamp))
        object.string("type", "text")
        object.raw("text", text.finished())
        return object.finished()
    }

    static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }
}
