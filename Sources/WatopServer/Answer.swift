import NIOCore
import NIOHTTP1
import WatopCore

/// A complete HTTP answer: status, extra headers and a small JSON body.
struct Answer {
    var status: HTTPResponseStatus
    var body: ByteBuffer
    var extraHeaders: [(String, String)] = []
    /// Close the connection after this answer even if the client asked to keep it.
    var closesConnection = false

    /// The answer to an accepted callback, built once: it is sent for every event.
    static let accepted = Answer(status: .ok, body: ByteBuffer(string: "{\"ok\":true}\n"))

    /// A refusal with a one-line JSON reason: `{"error":"…"}`.
    static func refusal(_ status: HTTPResponseStatus, _ message: String) -> Answer {
        var writer = JSONObjectWriter()
        writer.string("error", message)
        return Answer(status: status, body: ByteBuffer(string: writer.finished() + "\n"))
    }
}
