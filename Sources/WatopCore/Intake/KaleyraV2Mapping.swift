/// Kaleyra's WhatsApp API v2 webhook: Meta's change object in `meta_object`, Kaleyra's own
/// references in `extra_info`, and a top-level copy of the status.
enum KaleyraV2Mapping {
    /// - Parameter topLevelStatus: Kaleyra's own copy of the status, used when `statuses` is missing.
    static func batch(
        from envelope: JSONEnvelope, topLevelStatus: String?, context: BatchContext
    ) throws(CallbackRejection) -> CallbackBatch {
        guard let metaObject = envelope.metaObject, metaObject.isObject else {
            throw CallbackRejection(
                .malformedBody, "\"meta_object\" must be an object, got \(envelope.metaObject?.kindDescription ?? "nothing")")
        }
        let extra = envelope.extraInfo
        var mapping = MetaValueMapping(format: .kaleyraV2, context: context)
        mapping.refs = (extra?["ref"]?.fieldText, extra?["ref1"]?.fieldText, extra?["ref2"]?.fieldText)
        var batch = CallbackBatch(format: .kaleyraV2)
        if let value = metaObject["value"], value.isObject, mapping.read(value, at: "meta_object.value", into: &batch) {
            return batch
        }
        // No statuses inside: fall back on Kaleyra's own copy of the message ID and status.
        guard let id = extra?["message_id"]?.fieldText else {
            throw CallbackRejection(.missingID, "no meta_object.value.statuses and no extra_info.message_id")
        }
        guard let status = topLevelStatus else {
            throw CallbackRejection(.missingStatus, "no meta_object.value.statuses and no top-level \"status\"")
        }
        batch.events.append(
            CallbackEvent(
                receivedAt: context.receivedAt, format: .kaleyraV2, transport: context.transport, method: context.method, id: id,
                status: DeliveryStatus(parsing: status), ref: mapping.refs.ref, ref1: mapping.refs.ref1,
                ref2: mapping.refs.ref2))
        return batch
    }
}
