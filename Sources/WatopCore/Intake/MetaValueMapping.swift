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

    /// Adds the events of `value` (found at `path`) to `batch`, and its errors that come
    /// without a status as notices. Returns false when the value holds neither statuses,
    /// messages nor errors (another kind of change).
    @discardableResult
    func read(_ value: JSONValue, at path: String, into batch: inout CallbackBatch) -> Bool {
        let sender = value["metadata"]?["display_phone_number"]?.fieldText.map(PhoneNumber.normalized)
        batch.notices += MetaNoticeMapping.errorNotices(in: value, number: sender, format: format, receivedAt: context.receivedAt)
        var found = value["errors"] != nil
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
        let errors = item["errors"]?.elements?.map(Self.providerError) ?? []
        let pricing = item["pricing"]
        var billable: Bool?
        if case .bool(let flag)? = pricing?["billable"] { billable = flag }
        let recipient = Self.recipient(of: item)
        return CallbackEvent(
            receivedAt: context.receivedAt, format: format, transport: context.transport, method: context.method, id: id,
            status: DeliveryStatus(parsing: status), mobile: recipient?.id, whatsappNumber: sender,
            error: errors.first?.summary, errorCode: errors.first?.code, timestamp: timestamp,
            ref: refs.ref ?? item["biz_opaque_callback_data"]?.fieldText, ref1: refs.ref1, ref2: refs.ref2,
            pricingCategory: pricing?["category"]?.fieldText ?? item["conversation"]?["origin"]?["type"]?.fieldText,
            billable: billable, pricingModel: pricing?["pricing_model"]?.fieldText, pricingType: pricing?["type"]?.fieldText,
            recipientKind: recipient?.kind ?? .phoneNumber, errors: errors)
    }

    /// The status's recipient: `recipient_id` (a phone number, or a group's id), else the
    /// business-scoped user id Meta gives when the message went to one.
    private static func recipient(of item: JSONValue) -> (id: String, kind: RecipientKind)? {
        if let id = item["recipient_id"]?.fieldText {
            return item["recipient_type"]?.fieldText == "group" ? (id, .group) : (PhoneNumber.normalized(id), .phoneNumber)
        }
        guard let userID = item["recipient_user_id"]?.fieldText ?? item["parent_recipient_user_id"]?.fieldText else {
            return nil
        }
        return (userID, .userID)
    }

    /// One entry of Meta's `errors[]`.
    static func providerError(_ error: JSONValue) -> ProviderError {
        ProviderError(
            code: error["code"]?.fieldText, title: error["title"]?.fieldText, message: error["message"]?.fieldText,
            details: error["error_data"]?["details"]?.fieldText)
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
}
