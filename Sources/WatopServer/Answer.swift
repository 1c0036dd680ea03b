import NIOCore
import NIOHTTP1
import WatopCore

/// A complete HTTP answer: status, extra headers and a small JSON body, encoded to bytes here.
///
/// The listener writes answers as bytes itself rather than through NIO's response encoder:
/// every answer is small, complete and known at once, and the accepted answer, sent for
/// nearly every request, is encoded once for the life of the process.
struct Answer {
    var status: HTTPResponseStatus
    var body: String
    var contentType = "application/json"
    var extraHeaders: [(String, String)] = []
    /// Close the connection after this answer even if the client asked to keep it.
    var closesConnection = false
    /// A refusal's reason, as its body says it.
    var message: String?

    static let accepted = Answer(status: .ok, body: "{\"ok\":true}\n")

    /// `accepted` encoded once, for keep-alive connections (HTTP/1.1 and 1.0).
    static let acceptedKeepAlive = accepted.encoded(keepAlive: true, http10: false)
    static let acceptedKeepAliveHTTP10 = accepted.encoded(keepAlive: true, http10: true)

    /// The answer to an accepted request: the shared one-line `{"ok":true}` for a plain
    /// callback; for a webhook with several items, how many were accepted and refused, and why.
    static func accepted(_ batch: CallbackBatch) -> Answer {
        if batch.events.count == 1, batch.rejectedItems.isEmpty, batch.quirks.isEmpty { return .accepted }
        var writer = JSONObjectWriter()
        writer.raw("ok", "true")
        writer.number("accepted", String(batch.events.count))
        writer.number("refused", String(batch.rejectedItems.count))
        if !batch.rejectedItems.isEmpty {
            let reasons = batch.rejectedItems.prefix(10).map { JSONObjectWriter.quoted($0.message) }
            writer.raw("reasons", "[" + reasons.joined(separator: ",") + "]")
        }
        if !batch.quirks.isEmpty {
            writer.raw("tolerated", "[" + batch.quirks.map { JSONObjectWriter.quoted($0.rawValue) }.joined(separator: ",") + "]")
        }
        return Answer(status: .ok, body: writer.finished() + "\n")
    }

    /// A refusal with a one-line JSON reason: `{"error":"…"}`.
    static func refusal(_ status: HTTPResponseStatus, _ message: String) -> Answer {
        var writer = JSONObjectWriter()
        writer.string("error", message)
        return Answer(status: status, body: writer.finished() + "\n", message: message)
    }

    /// The answer as HTTP/1.1 bytes. An HTTP/1.0 client that asked to keep the connection is
    /// told it is kept, since 1.0 closes by default.
    /// - Parameter headOnly: for a HEAD request: the headers (Content-Length included) without the body.
    func encoded(keepAlive: Bool, http10: Bool, headOnly: Bool = false) -> ByteBuffer {
        var text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        text += "content-type: \(contentType)\r\ncontent-length: \(body.utf8.count)\r\n"
        if !keepAlive {
            text += "connection: close\r\n"
        } else if http10 {
            text += "connection: keep-alive\r\n"
        }
        for (name, value) in extraHeaders { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        if !headOnly { text += body }
        return ByteBuffer(string: text)
    }

    func bytes(keepAlive: Bool, http10: Bool, headOnly: Bool = false) -> ByteBuffer {
        if headOnly { return encoded(keepAlive: keepAlive, http10: http10, headOnly: true) }
        if status == .ok, body == Self.accepted.body, contentType == Self.accepted.contentType, extraHeaders.isEmpty,
            keepAlive
        {
            return http10 ? Self.acceptedKeepAliveHTTP10 : Self.acceptedKeepAlive
        }
        return encoded(keepAlive: keepAlive, http10: http10)
    }
}
