/// Kaleyra's callback profile (spec §2): one event from the flat fields of the query, JSON
/// object or form body.
enum KaleyraV1Mapping {
    static func event(from fields: CallbackFields, context: BatchContext) throws(CallbackRejection) -> CallbackEvent {
        guard fields.isPresent(.id) else { throw CallbackRejection(.missingID, "missing \"id\" (the API message ID)") }
        guard let statusText = fields[.status] else {
            throw CallbackRejection(.missingStatus, "missing \"status\" (sent, delivered, read, failed or not-sent)")
        }
        var price: ReportedPrice?
        if let text = fields[.price] {
            guard let parsed = ReportedPrice(parsing: text) else {
                throw CallbackRejection(.invalidPrice, "price \"\(clipped(text))\" is not a plain decimal number")
            }
            price = parsed
        }
        return CallbackEvent(
            receivedAt: context.receivedAt, format: .kaleyraV1, transport: context.transport, method: context.method,
            status: DeliveryStatus(parsing: statusText), price: price, timestamp: try timestamp(fields[.timestamp]),
            billable: nil, phoneNumberIsMobile: fields.phoneNumberIsMobile, texts: fields)
    }

    /// A provider timestamp in Unix seconds or milliseconds; nil when absent.
    static func timestamp(_ text: String?, field: String = "timestamp") throws(CallbackRejection) -> UnixTime? {
        guard let text else { return nil }
        guard let parsed = UnixTime(parsingCallbackTimestamp: text) else {
            throw CallbackRejection(.invalidTimestamp, "\(field) \"\(clipped(text))\" is not Unix seconds or milliseconds")
        }
        return parsed
    }
}
