/// Turns an HTTP request into a `CallbackEvent`, or a `CallbackRejection` naming the problem.
///
/// Fields come from the query string and, when there is a body, from the body too (the body
/// wins). The body's own shape decides JSON or form, not the Content-Type alone, because the
/// header Kaleyra sends is undocumented.
public enum CallbackParser {
    public static func parse(_ request: RawRequest, receivedAt: UnixTime) throws(CallbackRejection) -> CallbackEvent {
        var fields = CallbackFields()
        var target = request.target
        target.withUTF8 { bytes in
            guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return }
            FormDecoding.forEachPair(in: UnsafeBufferPointer(rebasing: bytes[(mark + 1)...])) {
                fields.set(encodedName: $0, encodedValue: $1)
            }
        }
        let transport = try readBody(of: request, into: &fields)
        guard !fields.isEmpty else {
            throw CallbackRejection(.noFields, "no callback fields: expected a query string, a JSON object or form pairs")
        }
        return try makeEvent(from: fields, transport: transport, receivedAt: receivedAt, raw: request)
    }

    private static func readBody(of request: RawRequest, into fields: inout CallbackFields) throws(CallbackRejection)
        -> CallbackTransport
    {
        let body = request.body
        guard let first = body.first(where: { !$0.isASCIIWhitespace }) else { return .query }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            try readJSON(body, into: &fields)
            return .json
        }
        let looksLikeForm = body.contains(UInt8(ascii: "="))
        if !looksLikeForm, request.header("content-type")?.lowercased().contains("json") ?? false {
            try readJSON(body, into: &fields)
            return .json
        }
        guard looksLikeForm else {
            throw CallbackRejection(.malformedBody, "body is neither a JSON object nor form-encoded name=value pairs")
        }
        body.withUnsafeBufferPointer { bytes in
            FormDecoding.forEachPair(in: bytes) { fields.set(encodedName: $0, encodedValue: $1) }
        }
        return .form
    }

    private static func readJSON(_ body: [UInt8], into fields: inout CallbackFields) throws(CallbackRejection) {
        var misplaced: (key: String, kind: String)?
        let isObject: Bool
        do {
            isObject = try body.withUnsafeBufferPointer { bytes throws(JSONParser.Failure) in
                try JSONParser.forEachMember(ofObjectIn: bytes) { key, value in
                    switch value {
                    case .string(let text): fields.set(name: key, value: text)
                    case .number(let text): fields.set(name: key, value: text)
                    case .bool(let flag): fields.set(name: key, value: flag ? "true" : "false")
                    case .null: fields.set(name: key, value: "")
                    case .object, .array:
                        if CallbackField(wireName: key) != nil, misplaced == nil {
                            misplaced = (key, value.kindDescription)
                        } else {
                            fields.set(name: key, value: "")
                        }
                    }
                }
            }
        } catch {
            throw CallbackRejection(.malformedBody, "body is not valid JSON: \(error)")
        }
        guard isObject else {
            // Not an object: parse it whole, only to say what it is or why it is not JSON.
            let document: JSONValue
            do {
                document = try JSONParser.parse(body)
            } catch {
                throw CallbackRejection(.malformedBody, "body is not valid JSON: \(error)")
            }
            throw CallbackRejection(.malformedBody, "JSON body must be an object, got \(document.kindDescription)")
        }
        if let misplaced {
            throw CallbackRejection(
                .malformedBody, "field \"\(misplaced.key)\" must be a string, number or boolean, got \(misplaced.kind)")
        }
    }

    private static func makeEvent(
        from fields: CallbackFields, transport: CallbackTransport, receivedAt: UnixTime, raw: RawRequest
    ) throws(CallbackRejection) -> CallbackEvent {
        guard let id = fields[.id] else { throw CallbackRejection(.missingID, "missing \"id\" (the API message ID)") }
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
        var timestamp: UnixTime?
        if let text = fields[.timestamp] {
            guard let parsed = UnixTime(parsingCallbackTimestamp: text) else {
                throw CallbackRejection(
                    .invalidTimestamp, "timestamp \"\(clipped(text))\" is not Unix seconds or milliseconds")
            }
            timestamp = parsed
        }
        return CallbackEvent(
            receivedAt: receivedAt, transport: transport, id: id, status: DeliveryStatus(parsing: statusText),
            message: fields[.message], mobile: fields[.mobile], phoneNumber: fields[.phoneNumber],
            whatsappNumber: fields[.whatsappNumber], error: fields[.error], errorCode: fields[.errorCode],
            price: price, timestamp: timestamp, customResponse: fields[.customResponse],
            ref: fields[.ref], ref1: fields[.ref1], ref2: fields[.ref2], raw: raw)
    }

    /// Echoes at most 40 characters of a bad value, with anything unprintable escaped, so
    /// that an error answer stays one short line.
    private static func clipped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(40) {
            switch scalar {
            case "\"", "\\": out += "\\" + String(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 40 ? out + "…" : out
    }
}
