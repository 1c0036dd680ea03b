import WatopCore

/// A status as Kaleyra's WhatsApp API v2 webhook sends it: Meta's change in `meta_object`,
/// Kaleyra's references in `extra_info`, the status and message ID repeated at the top. One
/// status a request.
enum KaleyraV2Rendering {
    static func request(for update: StatusUpdate, accounts: ProviderAccounts) -> SimulatedRequest {
        let message = update.message
        var change = JSONObjectWriter()
        change.raw("value", MetaValueRendering.value(sender: message.sender, statuses: [update], accounts: accounts))
        change.string("field", "messages")
        var extra = JSONObjectWriter()
        extra.string("message_id", message.id)
        extra.string("waba_id", accounts.wabaID)
        extra.string("ref", message.refs.0 ?? "")
        extra.string("ref1", message.refs.1 ?? "")
        extra.string("ref2", message.refs.2 ?? "")
        var body = JSONObjectWriter()
        body.raw("meta_object", change.finished())
        body.raw("extra_info", extra.finished())
        body.string("status", update.status)
        body.string("message_id", message.id)
        return SimulatedRequest(
            format: .kaleyraV2, payload: .body(body.finished(), contentType: "application/json"),
            events: [update.event])
    }
}
