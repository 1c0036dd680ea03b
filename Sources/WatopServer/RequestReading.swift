import NIOCore
import NIOHTTP1

/// Where a connection is within its current request, and the body it has collected so far.
///
/// The decisions of reading a request (the body limit, the shared body budget, what an
/// impossible sequence of parts means, whether a read left a request unfinished) live here,
/// apart from the channel, so they are tested without one. The handler acts on the `Step`
/// each part produces.
struct RequestReading {
    enum Phase {
        /// Between requests.
        case idle
        /// A callback request whose body is being collected.
        case collecting(HTTPRequestHead, body: ByteBuffer?)
        /// The answer is decided at the head; the body is read and dropped.
        case discarding(HTTPRequestHead, Answer)
        /// An answer was sent early and the connection is closing; the rest is ignored.
        case closing
    }

    /// What the handler does with the part just read.
    enum Step {
        /// A request's head arrived between requests: route it, then `collect` or `discard`.
        case route(HTTPRequestHead)
        /// A callback request has been read whole.
        case callback(HTTPRequestHead, body: ByteBuffer?)
        /// A request whose answer was decided at its head has ended: send that answer.
        case answer(Answer, to: HTTPRequestHead)
        /// The body grew past the limit of one request: refuse it and close.
        case tooLarge(HTTPRequestHead)
        /// The body budget all connections share is spent: refuse it and close.
        case budgetSpent(HTTPRequestHead)
        /// Parts arrived in an order the HTTP decoder never produces.
        case malformed
        /// Nothing to do: a dropped body chunk, or what arrives after an early refusal.
        case nothing
    }

    private(set) var phase = Phase.idle
    let maximumBodyBytes: Int
    let budget: BodyBudget
    /// What the body being collected has taken from `budget`.
    private(set) var reservedBytes = 0
    /// Whether the decoder handed over any part of a request since the last read completed.
    private var decodedSinceReadComplete = false

    init(maximumBodyBytes: Int, budget: BodyBudget) {
        self.maximumBodyBytes = maximumBodyBytes
        self.budget = budget
    }

    var isClosing: Bool {
        if case .closing = phase { return true }
        return false
    }

    mutating func read(_ part: HTTPServerRequestPart) -> Step {
        decodedSinceReadComplete = true
        switch (part, phase) {
        case (.head(let head), .idle):
            return .route(head)
        case (.body(var chunk), .collecting(let head, var body)):
            if (body?.readableBytes ?? 0) + chunk.readableBytes > maximumBodyBytes { return .tooLarge(head) }
            guard budget.reserve(chunk.readableBytes) else { return .budgetSpent(head) }
            reservedBytes += chunk.readableBytes
            if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
            phase = .collecting(head, body: body)
            return .nothing
        case (.end, .collecting(let head, let body)):
            phase = .idle
            // The handler reads the body before it returns to the event loop, so the budget
            // is free again by the time another chunk can arrive.
            releaseBody()
            return .callback(head, body: body)
        case (.end, .discarding(let head, let answer)):
            phase = .idle
            return .answer(answer, to: head)
        case (_, .closing), (.body, .discarding):
            return .nothing
        case (.head, _), (.body, .idle), (.end, .idle):
            return .malformed
        }
    }

    /// Collects the body of the request whose head was just routed.
    mutating func collect(_ head: HTTPRequestHead) {
        phase = .collecting(head, body: nil)
    }

    /// Reads and drops the body of the request whose head was just routed, then answers.
    mutating func discard(_ head: HTTPRequestHead, answering answer: Answer) {
        phase = .discarding(head, answer)
    }

    /// Ignores the rest of the connection's input and gives back what its body held.
    mutating func close() {
        phase = .closing
        releaseBody()
    }

    /// Gives back what the body being collected took from the budget.
    mutating func releaseBody() {
        budget.release(reservedBytes)
        reservedBytes = 0
    }

    /// Whether the read just completed left a request unfinished: one mid-body, or a head
    /// still arriving (the decoder passes on every read's completion, also one that completed
    /// no part of a request).
    mutating func readCompleted() -> Bool {
        defer { decodedSinceReadComplete = false }
        switch phase {
        case .collecting, .discarding: return true
        case .idle: return !decodedSinceReadComplete
        case .closing: return false
        }
    }
}
