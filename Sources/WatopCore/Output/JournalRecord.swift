import Foundation

/// One request that passed watop's access checks, as a line of the journal, watop's record of
/// what it acknowledged and passed on: a summary of its events for people reading the file,
/// plus what is needed to rebuild them exactly — the time watop received it and the raw
/// request, which is parsed again on replay so that a journal always means what watop means.
public enum JournalRecord {
    /// - Parameter receivedAt: when a request without events came (its events carry the time).
    public static func line(for batch: CallbackBatch, receivedAt: UnixTime? = nil, client: String? = nil) -> [UInt8] {
        guard let request = batch.request else { return [] }
        let time = batch.events.first?.receivedAt ?? receivedAt ?? UnixTime(milliseconds: 0)
        return line(for: request, receivedAt: time, format: batch.format, events: batch.events, client: client)
    }

    /// The line of any request that passed watop's access checks: a callback with events, a
    /// webhook that carried none (a template update), or one watop could not read (`format`
    /// nil), which an app behind watop may still take.
    public static func line(
        for request: RawRequest, receivedAt: UnixTime, format: CallbackFormat?, events: CallbackEvents, client: String? = nil
    ) -> [UInt8] {
        var out = JSONObjectWriter()
        out.number("received_ms", String(receivedAt.milliseconds))
        out.time("received_at", receivedAt)
        if let format { out.string("format", format.rawValue) } else { out.raw("unread", "true") }
        if let client { out.string("client", client) }
        let summaries = events.map { event in
            var summary = JSONObjectWriter()
            summary.string("id", event.id)
            summary.string("status", event.status.name)
            summary.string("error_code", event.errorCode)
            summary.string("price", event.price?.formatted(minimumFractionDigits: 0))
            return summary.finished()
        }
        out.raw("events", "[" + summaries.joined(separator: ",") + "]")
        var raw = JSONObjectWriter()
        raw.string("method", request.method)
        raw.string("target", request.target)
        raw.raw("headers", JSONObjectWriter.pairs(request.headers))
        let body = request.body
        if let text = String(validating: body, as: UTF8.self) {
            raw.string("body", text)
        } else {
            raw.string("body_base64", Data(body).base64EncodedString())
        }
        out.raw("raw", raw.finished())
        out.close()
        return out.bytes + [UInt8(ascii: "\n")]
    }

    /// Why a journal line could not be read back.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// A journal line's request as it came, for sending it on again (queue mode, resending).
    public struct Entry: Sendable {
        public var receivedAt: UnixTime
        public var request: RawRequest
        /// The address it came from, when recorded.
        public var client: String?
        /// The message its first event belongs to: deliveries of one message keep their order.
        public var messageID: String?
        /// Whether watop could read it when it came.
        public var unread: Bool
    }

    /// Reads a journal line (without its newline) back into the request it records.
    public static func entry(fromLine line: [UInt8]) throws(Unreadable) -> Entry {
        let document: JSONValue
        do {
            document = try JSONParser.parse(line)
        } catch {
            throw Unreadable(description: "not JSON: \(error)")
        }
        guard case .number(let millisText)? = document["received_ms"], let millis = Int64(millisText),
            let raw = document["raw"], case .string(let method)? = raw["method"], case .string(let target)? = raw["target"],
            case .array(let headerPairs)? = raw["headers"]
        else { throw Unreadable(description: "missing received_ms or raw request") }
        var headers: [(name: String, value: String)] = []
        for pair in headerPairs {
            guard case .array(let parts) = pair, parts.count == 2, case .string(let name) = parts[0],
                case .string(let value) = parts[1]
            else { throw Unreadable(description: "a header is not a [name, value] pair") }
            headers.append((name, value))
        }
        var body: [UInt8] = []
        if case .string(let text)? = raw["body"] {
            body = Array(text.utf8)
        } else if case .string(let encoded)? = raw["body_base64"], let data = Data(base64Encoded: encoded) {
            body = Array(data)
        }
        var messageID: String?
        if case .array(let events)? = document["events"], case .string(let id)? = events.first?["id"] { messageID = id }
        var client: String?
        if case .string(let address)? = document["client"] { client = address }
        var unread = false
        if case .bool(true)? = document["unread"] { unread = true }
        return Entry(
            receivedAt: UnixTime(milliseconds: millis), request: RawRequest(method: method, target: target, headers: headers, body: body),
            client: client, messageID: messageID, unread: unread)
    }

    /// Rebuilds the events a journal line records (without its newline); nil for a request
    /// that watop could not read when it came, and still cannot.
    public static func batch(fromLine line: [UInt8]) throws(Unreadable) -> CallbackBatch? {
        try recorded(fromLine: line).batch
    }

    /// As `batch(fromLine:)`, with the time watop received the request.
    public static func recorded(fromLine line: [UInt8]) throws(Unreadable) -> (receivedAt: UnixTime, batch: CallbackBatch?) {
        let (entry, batch) = try read(line: line)
        return (entry.receivedAt, batch)
    }

    /// A journal line's request and the events rebuilt from it (nil for a request watop could
    /// not read when it came, and still cannot).
    public static func read(line: [UInt8]) throws(Unreadable) -> (entry: Entry, batch: CallbackBatch?) {
        let entry = try entry(fromLine: line)
        do throws(CallbackRejection) {
            return (entry, try CallbackParser.parse(entry.request, receivedAt: entry.receivedAt))
        } catch {
            if entry.unread { return (entry, nil) }
            throw Unreadable(description: "the recorded request is no longer accepted: \(error.message)")
        }
    }
}
