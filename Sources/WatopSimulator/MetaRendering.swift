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
}
