/// The last request refused for one reason, kept so the dashboard can show why callbacks are
/// refused, not only how many. Its credentials were redacted where the request was read
/// (as for every kept request), and it is cut to `byteLimit` bytes: a refused request may be
/// a body of megabytes, or anything at all from anyone.
public struct RejectedRequest: Sendable {
    public let reason: RejectionReason
    public let receivedAt: UnixTime
    /// What watop answered, as the caller was told.
    public let message: String
    /// The request as far as it was read (only its head, when refused before the body), its
    /// target and body cut to fit `byteLimit`.
    public let request: RawRequest?
    /// The body's size as it came, before cutting.
    public let bodyCount: Int

    /// Enough for a form or JSON callback whole, and the start of anything larger.
    public static let byteLimit = 4096

    public init(_ rejection: CallbackRejection, receivedAt: UnixTime, request: RawRequest?) {
        reason = rejection.reason
        message = rejection.message
        self.receivedAt = receivedAt
        bodyCount = request?.bodyCount ?? 0
        self.request = request.map(Self.cut)
    }

    /// `request` within `byteLimit`: the target first (at most half), then headers while
    /// they fit, then what room is left of the body.
    private static func cut(_ request: RawRequest) -> RawRequest {
        guard request.byteCount > byteLimit else { return request }
        let target = String(decoding: request.target.utf8.prefix(byteLimit / 2), as: UTF8.self)
        var left = byteLimit - request.method.utf8.count - target.utf8.count
        var headers: [(name: String, value: String)] = []
        for header in request.headers {
            let size = header.name.utf8.count + header.value.utf8.count
            guard size <= left / 2 else { break }
            headers.append(header)
            left -= size
        }
        // What the head takes as kept, with the lengths stored beside its headers.
        let head = RawRequest(method: request.method, target: target, headers: headers, body: [])
        return request.withBody { body in
            RawRequest(
                method: request.method, target: target, headers: headers,
                body: UnsafeBufferPointer(rebasing: body.prefix(max(0, byteLimit - head.byteCount))))
        }
    }
}
