import NIOCore
import NIOHTTP1

/// The app's answer passed back to the provider in sync forwarding: its status, headers and
/// body as they came, less what belongs to the hop between watop and the app.
enum RelayedAnswer {
    static func bytes(of response: ForwardResponse, keepAlive: Bool, http10: Bool, headOnly: Bool) -> ByteBuffer {
        let bodyBytes = response.body?.readableBytes ?? 0
        var head = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n"
        let named = ForwardPlan.namedInConnection(response.headers)
        for (name, value) in response.headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || ForwardPlan.hopByHop.contains(lowered) || named.contains(lowered) { continue }
            head += "\(name): \(value)\r\n"
        }
        head += "content-length: \(bodyBytes)\r\n"
        if !keepAlive {
            head += "connection: close\r\n"
        } else if http10 {
            head += "connection: keep-alive\r\n"
        }
        head += "\r\n"
        var buffer = ByteBuffer(string: head)
        if !headOnly, var body = response.body { buffer.writeBuffer(&body) }
        return buffer
    }
}
