/// The `value` of a Meta `messages` webhook change: the statuses of sent messages and the
/// messages customers sent, as Meta's Cloud API delivers it and as Kaleyra v2 wraps it.
///
/// Each item is read on its own: an unreadable one is listed in the batch's rejected items
/// with its path (`entry[0].changes[0].value.statuses[1]: missing "id"`), and the others
/// are still accepted.
struct MetaValueMapping {
    let format: CallbackFormat
    let context: BatchContext
    /// Kaleyra v2's `extra_info` references, shared by every event of the request.
    var refs: (ref: String?, ref1: String?, ref2: String?) = (nil, nil, nil)

    /// Adds the events of `value` (found at `path`) to `batch`. Returns false when the value
    /// holds neither statuses nor messages (another kind of change).
    @discardableResult
    func read(_ value: JSONValue, at path: String, into batch: inout CallbackBatch) -> Bool {
        let sender = value["metadata"]?["display_phone_number"]?.fieldText.map(PhoneNumber.normalized)
        var found = false
        let readers: [(key: String, makeEvent: ItemReader)] = [("statuses", status), ("messages", inboundMessage)]
        for (key, makeEvent) in readers {
            guard let list = value[key] else { continue }
            found = true
            guard let items = list.elements else {
                batch.rejectedItems.append(
                    CallbackRejection(.malformedBody, "\(path).\(key) must be an array, got \(list.kindDescription)"))
                continue
            }
            for (index, item) in items.enumerated() {
                let itemPath = "\(path).\(key)[\(index)]"
                do throws(CallbackRejection) {
                    guard item.isObject else {
                        throw CallbackRejection(.malformedBody, "\(itemPath) must be an object, got \(item.kindDescription)")
                    }
                    batch.events.append(try makeEvent(item, sender, itemPath))
                } catch {
                    batch.rejectedItems.append(error)
                }
            }
        }
        return found
    }

    private typealias ItemReader = (JSONValue, String?, String) throws(CallbackRejection) -> CallbackEvent

    /// One status of a message watop's user sent.
    private func status(_ item: JSONValue, sender: String?, path: String) throws(CallbackRejection) -> CallbackEvent {
        guard let id = item["id"]?.fieldText else { throw CallbackRejection(.missingID, "\(path): missing \"id\"") }
        guard let status = item["status"]?.fieldText else {
            throw CallbackRejection(.missingStatus, "\(path): missing \"status\"")
        }
        let timestamp = try KaleyraV1Mapping.timestamp(item["timestamp"]?.fieldText, field: "\(path).timestamp")
        let error = item["errors"]?.elements?.first
        let pricing = item["pricing"]
        var billable: Bool?
        if case .bool(let flag)? = pricing?["billable"] { billable = flag }
        return CallbackEvent(
            receivedAt: context.receivedAt, format: format, transport: context.transport, method: context.method, id: id,
            status: DeliveryStatus(parsing: status), mobile: item["recipient_id"]?.fieldText.map(PhoneNumber.normalized),
            whatsappNumber: sender, error: error.flatMap(Self.errorText), errorCode: error?["code"]?.fieldText,
            timestamp: timestamp, ref: refs.ref, ref1: refs.ref1, ref2: refs.ref2,
            pricingCategory: pricing?["category"]?.fieldText ?? item["conversation"]?["origin"]?["type"]?.fieldText,
            billable: billable)
    }

    /// A message a customer sent to the business number: shown and counted as `inbound`.
    private func inboundMessage(_ item: JSONValue, sender: String?, path: String) throws(CallbackRejection)
        -> CallbackEvent
    {
        guard let id = item["id"]?.fieldText else { throw CallbackRejection(.missingID, "\(path): missing \"id\"") }
        let kind = item["type"]?.fieldText
        let text = kind == "text" ? item["text"]?["body"]?.fieldText : nil
        return CallbackEvent(
            receivedAt: context.receivedAt, format: format, transport: context.transport, method: context.method, id: id, status: .inbound,
            message: text ?? kind.map { "[\($0)]" }, mobile: item["from"]?.fieldText.map(PhoneNumber.normalized),
            whatsappNumber: sender,
            timestamp: try KaleyraV1Mapping.timestamp(item["timestamp"]?.fieldText, field: "\(path).timestamp"),
            ref: refs.ref, ref1: refs.ref1, ref2: refs.ref2)
    }

    /// Meta's error title with its details when they add something (`title: details`).
    private static func errorText(_ error: JSONValue) -> String? {
        let title = error["title"]?.fieldText ?? error["message"]?.fieldText
        guard let details = error["error_data"]?["details"]?.fieldText, details != title else { return title }
        return title.map { "\($0): \(details)" } ?? details
    }
}
