/// Twilio's WhatsApp status callback: form pairs such as `MessageSid`, `MessageStatus`,
/// `ErrorCode`, `From=whatsapp:+1…`, `To=whatsapp:+91…` and `ChannelStatusMessage`.
enum TwilioMapping {
    static func event(from request: RawRequest, context: BatchContext) throws(CallbackRejection) -> CallbackEvent {
        let pairs = TwilioPairs(request)
        guard let id = pairs["MessageSid"] ?? pairs["SmsSid"] else {
            throw CallbackRejection(.missingID, "missing \"MessageSid\"")
        }
        guard let status = pairs["MessageStatus"] ?? pairs["SmsStatus"] else {
            throw CallbackRejection(.missingStatus, "missing \"MessageStatus\"")
        }
        // Twilio sends ErrorCode 0 or nothing on success.
        let code = pairs["ErrorCode"].flatMap { $0 == "0" ? nil : $0 }
        // The incoming-message webhook pointed here: a customer's message, from them to the business.
        if status == "received" || status == "receiving" {
            return CallbackEvent(
                receivedAt: context.receivedAt, format: .twilio, transport: context.transport, method: context.method, id: id, status: .inbound,
                message: pairs["Body"], mobile: pairs["From"].map(PhoneNumber.normalized),
                whatsappNumber: pairs["To"].map(PhoneNumber.normalized))
        }
        return CallbackEvent(
            receivedAt: context.receivedAt, format: .twilio, transport: context.transport, method: context.method, id: id,
            status: DeliveryStatus(parsing: status), mobile: pairs["To"].map(PhoneNumber.normalized),
            whatsappNumber: pairs["From"].map(PhoneNumber.normalized),
            error: pairs["ChannelStatusMessage"] ?? pairs["ErrorMessage"], errorCode: code)
    }
}

/// Every decoded name=value pair of a Twilio request: the query's, then the form body's (which
/// win). The signature check needs them all, so they are kept in one dictionary.
public struct TwilioPairs: Sendable {
    public private(set) var bodyPairs: [(name: String, value: String)] = []
    private var values: [String: String] = [:]

    public init(_ request: RawRequest) {
        let query = Array(request.query.utf8)
        query.withUnsafeBufferPointer { bytes in
            FormDecoding.forEachPair(in: bytes) { values[FormDecoding.decode($0)] = FormDecoding.decode($1) }
        }
        request.withBody { bytes in
            guard bytes.contains(UInt8(ascii: "=")) else { return }
            FormDecoding.forEachPair(in: bytes) { name, value in
                let pair = (FormDecoding.decode(name), FormDecoding.decode(value))
                bodyPairs.append(pair)
                values[pair.0] = pair.1
            }
        }
    }

    /// The value under `name`, with empty text as nil.
    public subscript(name: String) -> String? { values[name].flatMap(CallbackFields.presentValue) }
}
