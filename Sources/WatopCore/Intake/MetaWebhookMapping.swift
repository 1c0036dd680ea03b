/// Meta's WhatsApp Cloud API webhook:
/// `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{…}}]}]}`.
/// One request may carry several entries, changes, statuses and inbound messages.
enum MetaWebhookMapping {
    static func batch(from envelope: JSONEnvelope, context: BatchContext) throws(CallbackRejection) -> CallbackBatch {
        guard let entries = envelope.entry?.elements else {
            throw CallbackRejection(
                .malformedBody, "\"entry\" must be an array, got \(envelope.entry?.kindDescription ?? "nothing")")
        }
        let mapping = MetaValueMapping(format: .meta, context: context)
        var batch = CallbackBatch(format: .meta)
        for (entryIndex, entry) in entries.enumerated() {
            guard let changes = entry["changes"]?.elements else {
                batch.rejectedItems.append(
                    CallbackRejection(.malformedBody, "entry[\(entryIndex)]: missing the \"changes\" array"))
                continue
            }
            for (changeIndex, change) in changes.enumerated() {
                let path = "entry[\(entryIndex)].changes[\(changeIndex)]"
                // Template, quality and alert changes are notices; other fields are acknowledged, not shown.
                if let field = change["field"]?.fieldText, field != "messages" {
                    if let value = change["value"],
                        let notice = MetaNoticeMapping.notice(field: field, value: value, format: .meta, receivedAt: context.receivedAt)
                    {
                        batch.notices.append(notice)
                    } else {
                        batch.ignoredChanges += 1
                    }
                    continue
                }
                guard let value = change["value"], value.isObject else {
                    batch.rejectedItems.append(CallbackRejection(.malformedBody, "\(path): missing the \"value\" object"))
                    continue
                }
                if !mapping.read(value, at: "\(path).value", into: &batch) { batch.ignoredChanges += 1 }
            }
        }
        return batch
    }
}
