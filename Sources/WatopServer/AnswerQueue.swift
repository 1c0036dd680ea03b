import DequeModule

/// The answers of one connection, kept in request order while some are still being decided.
///
/// Most answers are known the moment their request is read; one that waits (for the journal,
/// or for the app watop forwards to) takes a ticket, and the answers behind it wait with it,
/// so that pipelined requests are answered in the order they came. The queue is bounded: when
/// `limit` answers wait, the connection stops reading until the oldest are written, as NIO's
/// `HTTPServerPipelineHandler` does, instead of queueing without end.
///
/// Generic over the answer so that it is tested without a channel.
struct AnswerQueue<Bytes> {
    /// A place in the queue for an answer not yet decided.
    struct Ticket: Hashable {
        fileprivate let number: UInt64
    }

    /// An answer ready to be written, and whether the connection closes after it.
    struct Ready {
        var bytes: Bytes
        var closing: Bool
    }

    private var entries = Deque<(bytes: Bytes?, closing: Bool)>()
    /// The ticket number of `entries.first`.
    private var firstNumber: UInt64 = 0
    /// Once an answer that closes the connection is queued, nothing behind it is.
    private var closed = false
    let limit: Int

    init(limit: Int = 16) {
        precondition(limit > 0, "an answer queue must hold at least one answer")
        self.limit = limit
    }

    /// Whether answers wait: a decided answer must then be queued, not written at once.
    var isEmpty: Bool { entries.isEmpty }

    /// Whether so many answers wait that the connection should read no more requests.
    var isFull: Bool { entries.count >= limit }

    /// Takes a place for an answer decided later.
    mutating func waitForAnswer(closing: Bool) -> Ticket {
        entries.append((nil, closing))
        closed = closed || closing
        return Ticket(number: firstNumber + UInt64(entries.count - 1))
    }

    /// Adds an answer decided now and hands `write` what can be written, in order (the answer
    /// itself when nothing waits before it).
    mutating func append(_ bytes: Bytes, closing: Bool, write: (Ready) -> Void) {
        guard !closed else { return }
        entries.append((bytes, closing))
        closed = closing
        takeReady(write)
    }

    /// Fills a ticket's place and hands `write` the answers that can now be written, in order.
    mutating func answer(_ ticket: Ticket, with bytes: Bytes, write: (Ready) -> Void) {
        guard ticket.number >= firstNumber, ticket.number - firstNumber < UInt64(entries.count) else { return }
        entries[Int(ticket.number - firstNumber)].bytes = bytes
        takeReady(write)
    }

    private mutating func takeReady(_ write: (Ready) -> Void) {
        while let first = entries.first, let bytes = first.bytes {
            entries.removeFirst()
            firstNumber += 1
            write(Ready(bytes: bytes, closing: first.closing))
            if first.closing {
                entries.removeAll()
                return
            }
        }
    }
}
