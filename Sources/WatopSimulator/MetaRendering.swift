import WatopCore

/// Meta's Cloud API webhook: `{"object":"whatsapp_business_account","entry":[…]}`, one change
/// for the statuses it gathered and, when a customer wrote, one for the customer's message.
enum MetaRendering {
    /// `statuses` must all come from one business number (a change has one `metadata`).
    static func request(statuses: [StatusUpdate], inbound: InboundMessage?, accounts: ProviderAccounts)
        -> SimulatedRequest
    {
        let sender = statuses[0].message.sender
        var values = [MetaValueRendering.value(sender: sender, statuses: statuses, accounts: accounts)]
        if let inbound {
            values.append(
                MetaValueRendering.value(sender: sender, statuses: [], messages: [inbound], accounts: accounts))
        }
        let changes = values.map { value in
            var change = JSONObjectWriter()
            change.raw("value", value)
            change.string("field", "messages")
            return change.finished()
        }
        var entry = JSONObjectWriter()
        entry.string("id", accounts.wabaID)
        entry.raw("changes", MetaValueRendering.array(changes))
        var body = JSONObjectWriter()
        body.string("object", "whatsapp_business_account")
        body.raw("entry", MetaValueRendering.array([entry.finished()]))
        let events = statuses.map(\.event) + (inbound.map { [$0.event(business: sender)] } ?? [])
        return SimulatedRequest(
            format: .meta, payload: .body(body.finished(), contentType: "application/json"), events: events)
    }

    /// A change about the account rather than a message, as Meta's webhook references shape
    /// them: the `number`-th notice of the traffic cycles through a template paused and
    /// approved again, a number's limit lowered, and an account alert.
    static func notice(_ number: Int, whatsappNumber: String, accounts: ProviderAccounts) -> SimulatedRequest {
        let (field, value): (String, String)
        switch number % 4 {
        case 0:
            (field, value) = (
                "message_template_status_update",
                #"{"event":"PAUSED","message_template_id":806312974732579,"message_template_name":"order_update","#
                    + #""message_template_language":"en_US","reason":"NONE","other_info":{"title":"FIRST_PAUSE","#
                    + #""description":"Your WhatsApp message template has been paused for 3 hours because it had issues."}}"#
            )
        case 1:
            (field, value) = (
                "message_template_status_update",
                #"{"event":"APPROVED","message_template_id":806312974732579,"message_template_name":"order_update","#
                    + #""message_template_language":"en_US","reason":"NONE"}"#
            )
        case 2:
            (field, value) = (
                "phone_number_quality_update",
                #"{"display_phone_number":"\#(whatsappNumber)","event":"DOWNGRADE","old_limit":"TIER_10K","current_limit":"TIER_2K"}"#
            )
        default:
            (field, value) = (
                "account_alerts",
                #"{"entity_type":"BUSINESS","entity_id":"\#(accounts.wabaID)","alert_info":{"alert_severity":"WARNING","#
                    + #""alert_status":"ACTIVE","alert_type":"INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED","#
                    + #""alert_description":"Limits cannot be increased yet."}}"#
            )
        }
        var change = JSONObjectWriter()
        change.raw("value", value)
        change.string("field", field)
        var entry = JSONObjectWriter()
        entry.string("id", accounts.wabaID)
        entry.raw("changes", MetaValueRendering.array([change.finished()]))
        var body = JSONObjectWriter()
        body.string("object", "whatsapp_business_account")
        body.raw("entry", MetaValueRendering.array([entry.finished()]))
        return SimulatedRequest(format: .meta, payload: .body(body.finished(), contentType: "application/json"), events: [])
    }
}
