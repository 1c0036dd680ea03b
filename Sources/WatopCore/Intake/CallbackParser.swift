/// Turns an HTTP request into the events it carries (`CallbackBatch`), or a
/// `CallbackRejection` naming the problem.
///
/// Every supported format arrives on the same path, so the request's shape decides which it
/// is: a JSON body with `meta_object` is Kaleyra v2, one with `entry` is Meta's Cloud API,
/// form pairs with `MessageSid` are Twilio, and anything else is Kaleyra's v1 callback profile.
/// The common case, v1, is read in one pass without building a JSON tree; the envelopes of the
/// other formats are noticed during that same pass.
public enum CallbackParser {
    /// - Parameter pinned: accept only this format (`--format`); nil detects it.
    public static func parse(
        _ request: RawRequest, receivedAt: UnixTime, format pinned: CallbackFormat? = nil
    ) throws(CallbackRejection) -> CallbackBatch {
        var fields = CallbackFields(reservingCapacity: request.withTarget(\.count) + request.bodyCount)
        request.withTarget { bytes in
            guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return }
            FormDecoding.forEachPair(in: UnsafeBufferPointer(rebasing: bytes[(mark + 1)...])) {
                fields.set(encodedName: $0, encodedValue: $1)
            }
        }
        var envelope = JSONEnvelope()
        let transport = try request.withBody { body throws(CallbackRejection) in
            try readBody(body, of: request, into: &fields, envelope: &envelope)
        }
        let format: CallbackFormat =
            if envelope.metaObject != nil { .kaleyraV2 }
            else if envelope.isMetaObject || envelope.entry?.isObject == true || envelope.entry?.elements != nil { .meta }
            else if fields.hasTwilioSid { .twilio }
            else { .kaleyraV1 }
        if let pinned, pinned != format {
            throw CallbackRejection(
                .wrongFormat, "expected a \(pinned.rawValue) callback (--format), but this request is \(format.rawValue)")
        }
        let context = BatchContext(receivedAt: receivedAt, transport: transport, method: request.method)
        var batch: CallbackBatch
        switch format {
        case .kaleyraV1:
            guard !fields.isEmpty else {
                throw CallbackRejection(.noFields, "no callback fields: expected a query string, a JSON object or form pairs")
            }
            batch = CallbackBatch(format: .kaleyraV1, events: CallbackEvents(try KaleyraV1Mapping.event(from: fields, context: context)))
        case .kaleyraV2:
            batch = try KaleyraV2Mapping.batch(from: envelope, topLevelStatus: fields[.status], context: context)
        case .meta:
            batch = try MetaWebhookMapping.batch(from: envelope, context: context)
        case .twilio:
            batch = CallbackBatch(format: .twilio, events: CallbackEvents(try TwilioMapping.event(from: request, context: context)))
        }
        if envelope.hadTrailingComma { batch.quirks.append(.trailingComma) }
        batch.request = request
        return batch
    }

    private static func readBody(
        _ body: UnsafeBufferPointer<UInt8>, of request: RawRequest, into fields: inout CallbackFields,
        envelope: inout JSONEnvelope
    ) throws(CallbackRejection) -> CallbackTransport {
        guard let first = body.first(where: { !$0.isASCIIWhitespace }) else { return .query }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            try readJSON(body, into: &fields, envelope: &envelope)
            return .json
        }
        let looksLikeForm = body.contains(UInt8(ascii: "="))
        if !looksLikeForm, request.header("content-type")?.lowercased().contains("json") ?? false {
            try readJSON(body, into: &fields, envelope: &envelope)
            return .json
        }
        guard looksLikeForm else {
            throw CallbackRejection(.malformedBody, "body is neither a JSON object nor form-encoded name=value pairs")
        }
        FormDecoding.forEachPair(in: body) { fields.set(encodedName: $0, encodedValue: $1) }
        return .form
    }

    private static func readJSON(
        _ body: UnsafeBufferPointer<UInt8>, into fields: inout CallbackFields, envelope: inout JSONEnvelope
    ) throws(CallbackRejection) {
        var misplaced: (key: String, kind: String)?
        func visit(_ key: UnsafeBufferPointer<UInt8>, _ member: JSONMember) {
            let value: JSONValue
            switch member {
            case .string(let text):
                if envelope.keep(key, string: text) { return fields.set(name: key, value: "") }
                return fields.set(name: key, value: text)
            case .value(let other): value = other
            }
            if envelope.keep(key, value) { return fields.set(name: key, value: "") }
            switch value {
            case .string(let text), .number(let text): text.withUTF8Bytes { fields.set(name: key, value: $0) }
            case .bool(let flag): fields.set(name: key, value: flag ? "true" : "false")
            case .null: fields.set(name: key, value: "")
            case .object, .array:
                if CallbackField(wireName: key) != nil, misplaced == nil {
                    misplaced = (String(decoding: key, as: UTF8.self), value.kindDescription)
                } else {
                    fields.set(name: key, value: "")
                }
            }
        }
        let isObject: Bool
        do {
            isObject = try JSONParser.forEachMember(ofObjectIn: body, visit)
        } catch {
            // Kaleyra's own published v2 sample has a trailing comma: tolerated (and counted),
            // but only that; any other fault is refused with the strict parser's reason.
            guard case .object(let members)? = try? JSONParser.parse(body, allowingTrailingCommas: true) else {
                throw CallbackRejection(.malformedBody, "body is not valid JSON: \(error)")
            }
            fields = CallbackFields(reservingCapacity: body.count)
            envelope = JSONEnvelope()
            envelope.hadTrailingComma = true
            for member in members { member.key.withUTF8Bytes { visit($0, .value(member.value)) } }
            isObject = true
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
}

/// What every event of one request shares.
struct BatchContext {
    let receivedAt: UnixTime
    let transport: CallbackTransport
    let method: String
}

/// The top-level members of a JSON body that belong to the v2 and Meta envelopes, kept as
/// trees while the flat v1 fields are read in the same pass.
struct JSONEnvelope {
    var metaObject: JSONValue?
    var extraInfo: JSONValue?
    var entry: JSONValue?
    /// `"object": "whatsapp_business_account"`: Meta's webhook even when `entry` is wrong.
    var isMetaObject = false
    var hadTrailingComma = false

    /// Keeps `value` when `key` names an envelope member; returns whether it did. Runs for
    /// every member of every JSON callback, so most keys are passed over on their first byte.
    mutating func keep(_ key: UnsafeBufferPointer<UInt8>, _ value: JSONValue) -> Bool {
        guard Self.mayName(key) else { return false }
        if asciiEqual(key, "meta_object", ignoringCase: false) {
            metaObject = value
        } else if asciiEqual(key, "extra_info", ignoringCase: false) {
            extraInfo = value
        } else if asciiEqual(key, "entry", ignoringCase: false) {
            entry = value
        } else {
            if asciiEqual(key, "object", ignoringCase: false) { isMetaObject = value == .string("whatsapp_business_account") }
            return false
        }
        return true
    }

    /// `keep` for a string value lent as bytes: made a String only when it is kept.
    mutating func keep(_ key: UnsafeBufferPointer<UInt8>, string: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.mayName(key) && keep(key, .string(String(decoding: string, as: UTF8.self)))
    }

    /// Whether `key` could name an envelope member, by its first byte.
    private static func mayName(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        key.first == UInt8(ascii: "m") || key.first == UInt8(ascii: "e") || key.first == UInt8(ascii: "o")
    }
}

/// Echoes at most 40 characters of a bad value, with anything unprintable escaped, so that an
/// error answer stays one short line.
func clipped(_ text: String) -> String {
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
