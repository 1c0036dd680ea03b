import NIOCore
import NIOHTTP1
import WatopCore

/// Serves one connection: routes each request, collects its body within the limit, turns a
/// callback into an event for the store, and answers. Nothing here blocks the event loop;
/// every problem becomes an answer, never a crash.
///
/// Requests are answered in order. Without a journal every answer is known at once; with one,
/// an accepted callback's answer waits for its journal line, and answers behind it wait in
/// `answers` so that pipelined requests are still answered in order; while that queue is
/// full, the connection reads no more. Answers are written as bytes and flushed once per
/// batch of reads.
final class CallbackHTTPHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var reading: RequestReading
    private let store: EventStore
    private let configuration: ListenerConfiguration
    /// Answers written since the last flush.
    private var unflushed = false
    /// Whether anything was read since the idle check last looked.
    private var sawActivity = true
    private var idleCheck: RepeatedTask?
    private var slowRequestClock: SlowRequestClock
    private var slowRequestCheck: RepeatedTask?

    private let limiter: RateLimiter?
    private let providerChecks: ProviderChecks
    /// The headers of the request being kept, redacted: one array for every request of the
    /// connection, which the kept request copies from.
    private var keptHeaders: [(name: String, value: String)] = []
    /// Answers in request order, some still waiting for the journal.
    private var answers = AnswerQueue<ByteBuffer>()
    /// A read the channel asked for while `answers` was full, to be done once it has room.
    private var readDeferred = false

    /// Where callbacks go on to, with what decides how they are sent, when watop forwards.
    private let forwarding: (plan: ForwardPlan, forwarder: any Forwarder)?
    /// Queue mode's delivery from the journal.
    private let queue: ForwardQueue?

    init(
        store: EventStore, configuration: ListenerConfiguration, limiter: RateLimiter?, forwarder: (any Forwarder)? = nil,
        queue: ForwardQueue? = nil
    ) {
        self.queue = queue
        self.store = store
        self.configuration = configuration
        self.limiter = limiter
        if let target = configuration.forwarding?.target, let forwarder {
            let plan = ForwardPlan(target: target, access: configuration.access, servesHTTPS: configuration.security != nil)
            forwarding = (plan, forwarder)
        } else {
            forwarding = nil
        }
        providerChecks = ProviderChecks(configuration.providerSecrets)
        reading = RequestReading(maximumBodyBytes: configuration.maximumBodyBytes, budget: configuration.bodyBudget)
        slowRequestClock = SlowRequestClock(limit: .seconds(Int64(configuration.requestTimeoutSeconds)))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sawActivity = true
        switch reading.read(unwrapInboundIn(data)) {
        case .route(let head):
            begin(head, context: context)
        case .callback(let head, let body):
            answerCallback(head, body: body, context: context)
        case .answer(let answer, let head):
            send(answer, to: head, context: context)
        case .tooLarge(let head):
            refuseEarly(tooLarge(head), context: context)
        case .budgetSpent(let head):
            let refusal = Answer.refusal(.serviceUnavailable, "too many large bodies arriving at once; retry (see --body-budget)")
            keepRejected(.bodyBudgetSpent, refusal, head: head)
            refuseEarly(refusal, context: context)
        case .malformed:
            refuseEarly(.refusal(.badRequest, "malformed HTTP request"), context: context)
        case .nothing:
            break
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let (path, query) = RawRequest.split(target: head.uri)
        switch Route(
            method: head.method, path: path, callbackPath: configuration.callbackPath, servesMetrics: configuration.metrics != nil)
        {
        case .callback:
            if let refusal = refusalOfClient(head, query: query, context: context) { return discard(head, refusal) }
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init),
                declared > configuration.maximumBodyBytes
            {
                return refuseEarly(tooLarge(head), context: context)
            }
            // Forwarding without a verify token of its own, watop lets the app answer Meta's
            // handshake: moving the URL to watop makes Meta verify it again.
            if head.method == .GET, forwarding == nil || configuration.providerSecrets.metaVerifyToken != nil,
                let handshake = MetaVerification(query: query)
            {
                let (answer, refused) = providerChecks.answer(to: handshake)
                if refused { keepRejected(.verificationRefused, answer, head: head) }
                return discard(head, answer)
            }
            reading.collect(head)
        case .health:
            discard(head, health())
        case .metrics:
            // The same credentials as callbacks: the metrics name the business's numbers.
            if let refusal = refusalOfUnauthorized(head, query: query) { return discard(head, refusal) }
            // The route is `.metrics` only when there are metrics.
            let exposition = configuration.metrics.map { $0.exposition(of: store) } ?? []
            discard(
                head,
                Answer(
                    status: .ok, body: String(decoding: exposition, as: UTF8.self),
                    contentType: "text/plain; version=0.0.4; charset=utf-8"))
        case .wrongMethod(let allow):
            discard(head, methodNotAllowed(head, allow: allow))
        case .unknownPath:
            let refusal = Answer.refusal(
                .notFound, "no such path \(String(path).prefix(200)); callbacks go to \(configuration.callbackPath)")
            keepRejected(.unknownPath, refusal, head: head)
            discard(head, refusal)
        }
    }

    /// Over its rate limit, or without an accepted credential: the answer for this client.
    private func refusalOfClient(_ head: HTTPRequestHead, query: Substring, context: ChannelHandlerContext) -> Answer? {
        if let limiter {
            let client = context.remoteAddress?.ipAddress ?? "unknown"
            if !limiter.admit(client: client, nowNanoseconds: NIODeadline.now().uptimeNanoseconds) {
                var answer = Answer.refusal(.tooManyRequests, "more than \(limiter.requestsPerSecond) requests per second from \(client)")
                keepRejected(.rateLimited, answer, head: head)
                answer.extraHeaders = [("retry-after", "1")]
                return answer
            }
        }
        return refusalOfUnauthorized(head, query: query)
    }

    /// Without an accepted credential (`--token`, `--basic-auth`, `--header`): 401.
    private func refusalOfUnauthorized(_ head: HTTPRequestHead, query: Substring) -> Answer? {
        guard configuration.access.admits(headers: head.headers, query: query) else {
            var answer = Answer.refusal(.unauthorized, "missing or wrong credentials for this endpoint")
            keepRejected(.unauthorized, answer, head: head)
            if let challenge = configuration.access.challenge { answer.extraHeaders = [("www-authenticate", challenge)] }
            return answer
        }
        return nil
    }

    private func answerCallback(_ head: HTTPRequestHead, body: ByteBuffer?, context: ChannelHandlerContext) {
        if let forwarding {
            return forwardCallback(head, body: body, plan: forwarding.plan, forwarder: forwarding.forwarder, context: context)
        }
        let raw = keptRequest(head, body: body)
        let batch: CallbackBatch
        do {
            batch = try CallbackParser.parse(raw, receivedAt: .now(), format: configuration.format)
        } catch {
            store.recordRejection(RejectedRequest(error, receivedAt: .now(), request: raw))
            configuration.journal?.append(
                JournalRecord.line(for: raw, receivedAt: .now(), format: nil, events: CallbackEvents()), counting: nil,
                completion: { _ in })
            return send(.refusal(.badRequest, error.message), to: head, context: context)
        }
        if let refusal = providerChecks.signatureRefusal(of: batch, head: head, raw: raw) {
            keepRejected(.badSignature, refusal, head: head, raw: raw)
            return send(refusal, to: head, context: context)
        }
        if batch.events.isEmpty, let first = batch.rejectedItems.first {
            store.record(batch, rejectedAt: .now())
            // Refused, so nothing waits for the line; it is kept because the journal is the record.
            configuration.journal?.append(JournalRecord.line(for: batch, receivedAt: .now()), counting: batch, completion: { _ in })
            let more = batch.rejectedItems.count - 1
            return send(
                .refusal(.badRequest, first.message + (more > 0 ? " (and \(more) more refused items)" : "")),
                to: head, context: context)
        }
        guard let journal = configuration.journal else {
            store.record(batch)
            return send(.accepted(batch), to: head, context: context)
        }
        journalThenAnswer(batch, journal: journal, head: head, context: context)
    }

    /// Sync forwarding: every request that passed the access checks goes to the app as it
    /// came, also those watop cannot read (counted as rejected here; the app decides). Its
    /// events are journaled and recorded first, then the provider gets the app's own answer,
    /// or 502/504 when none came, so that it retries as it would without watop.
    private func forwardCallback(
        _ head: HTTPRequestHead, body: ByteBuffer?, plan: ForwardPlan, forwarder: any Forwarder,
        context: ChannelHandlerContext
    ) {
        let raw = keptRequest(head, body: body)
        let (batch, rejection) = readForForwarding(head, raw: raw)
        if let parsed = batch, let refusal = providerChecks.signatureRefusal(of: parsed, head: head, raw: raw) {
            keepRejected(.badSignature, refusal, head: head, raw: raw)
            return send(refusal, to: head, context: context)
        }
        let client = context.remoteAddress?.ipAddress
        let keepAlive = head.isKeepAlive
        if !keepAlive { reading.close() }
        let ticket = answers.waitForAnswer(closing: !keepAlive)
        // The journal line is made only when there is a journal: it copies the whole request.
        func journalLine() -> [UInt8] {
            batch.map { JournalRecord.line(for: $0, receivedAt: .now(), client: client) }
                ?? JournalRecord.line(for: raw, receivedAt: .now(), format: nil, events: CallbackEvents(), client: client)
        }
        // Meta's handshake is answered with the app's own challenge, so it goes to the app at
        // once, also in queue mode (whose delivery passes over it in the journal).
        if let queue, let journal = configuration.journal, !raw.isMetaHandshake {
            return queueCallback(
                journalLine(), batch: batch, rejection: rejection, target: raw.target, head: head, ticket: ticket,
                journal: journal, queue: queue, context: context)
        }
        let request = plan.request(head: head, body: body, clientAddress: client)
        let fingerprint = Self.fingerprint(head, body: body)
        let exchange = ForwardExchange(
            store: store, forwarder: forwarder, target: plan.target, request: request,
            keepAlive: keepAlive, http10: head.version == .http1_0, headOnly: head.method == .HEAD)
        let handler = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let begin: @Sendable (Int64?) -> Void = { journalPosition in
            let start = exchange.store.recordForwarded(
                batch, rejection: rejection, method: head.method.rawValue, target: raw.target, fingerprint: fingerprint,
                journalPosition: journalPosition)
            exchange.send(recordedAs: start.id, on: handler.eventLoop) { bytes in
                handler.value.0.deliver(ticket, bytes, context: handler.value.1)
            }
        }
        guard let journal = configuration.journal else { return begin(nil) }
        let store = self.store
        journal.append(journalLine(), counting: batch, positioned: { position in
            handler.eventLoop.execute {
                guard let position else {
                    store.recordRejection(.journalFailed)
                    let refusal = Answer.refusal(.serviceUnavailable, "the journal could not be written; retry")
                    return handler.value.0.deliver(
                        ticket, refusal.bytes(keepAlive: keepAlive, http10: head.version == .http1_0), context: handler.value.1)
                }
                begin(position)
            }
        })
    }

    /// Queue mode: once the line is in the journal, the events are recorded, the queue is told
    /// where the line is (on the journal's thread, so in file order), and the provider is
    /// answered 200; the app gets it from the journal.
    private func queueCallback(
        _ line: [UInt8], batch: CallbackBatch?, rejection: RejectedRequest?, target: String, head: HTTPRequestHead,
        ticket: AnswerQueue<ByteBuffer>.Ticket, journal: Journal, queue: ForwardQueue, context: ChannelHandlerContext
    ) {
        let store = self.store
        let handler = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let keepAlive = head.isKeepAlive
        let http10 = head.version == .http1_0
        let length = line.count
        journal.append(line, counting: batch, positioned: { offset in
            let answer: Answer
            if let offset {
                let start = store.recordForwarded(
                    batch, rejection: rejection, method: head.method.rawValue, target: target, fingerprint: nil,
                    journalPosition: offset)
                queue.journaled(offset: offset, length: length, recordID: start.id)
                answer = batch.map(Answer.accepted) ?? .accepted
            } else {
                store.recordRejection(.journalFailed)
                answer = .refusal(.serviceUnavailable, "the journal could not be written; retry")
            }
            let bytes = answer.bytes(keepAlive: keepAlive, http10: http10)
            handler.eventLoop.execute { handler.value.0.deliver(ticket, bytes, context: handler.value.1) }
        })
    }

    /// The events of a request being forwarded, or why watop cannot read it; neither for
    /// Meta's handshake, which is the app's to answer.
    private func readForForwarding(_ head: HTTPRequestHead, raw: RawRequest) -> (CallbackBatch?, RejectedRequest?) {
        if raw.isMetaHandshake { return (nil, nil) }
        do {
            return (try CallbackParser.parse(raw, receivedAt: .now(), format: configuration.format), nil)
        } catch {
            return (nil, RejectedRequest(error, receivedAt: .now(), request: raw))
        }
    }

    /// Tells a provider's retry from a new request: the same method, target and body bytes.
    private static func fingerprint(_ head: HTTPRequestHead, body: ByteBuffer?) -> Int {
        var hasher = Hasher()
        hasher.combine(head.method.rawValue)
        hasher.combine(head.uri)
        body?.withUnsafeReadableBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// The request as kept for the inspector and the journal, its body copied straight from
    /// NIO's buffer. Secrets (credentials in headers or the query) never reach the store, the
    /// screen or stdout.
    private func keptRequest(_ head: HTTPRequestHead, body: ByteBuffer?) -> RawRequest {
        let target = configuration.access.redacted(headers: head.headers, target: head.uri, into: &keptHeaders)
        func kept(_ bytes: UnsafeRawBufferPointer) -> RawRequest {
            RawRequest(
                method: head.method.rawValue, target: target, headers: keptHeaders, body: bytes.assumingMemoryBound(to: UInt8.self))
        }
        return body?.withUnsafeReadableBytes(kept) ?? kept(UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// Writes the request's journal line; only once it is written are its events recorded and
    /// answered 200. If the journal cannot be written the caller is told to retry (503).
    private func journalThenAnswer(
        _ batch: CallbackBatch, journal: Journal, head: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        let keepAlive = head.isKeepAlive
        if !keepAlive { reading.close() }
        let http10 = head.version == .http1_0
        let ticket = answers.waitForAnswer(closing: !keepAlive)
        let store = self.store
        let handler = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        journal.append(JournalRecord.line(for: batch, receivedAt: .now()), counting: batch) { written in
            if written { store.record(batch) } else { store.recordRejection(.journalFailed) }
            let answer =
                written ? Answer.accepted(batch) : .refusal(.serviceUnavailable, "the journal could not be written; retry")
            let bytes = answer.bytes(keepAlive: keepAlive, http10: http10)
            handler.eventLoop.execute { handler.value.0.deliver(ticket, bytes, context: handler.value.1) }
        }
    }

    /// Fills a waiting answer, writes every answer that is now ready, in order, and reads
    /// again if reading stopped while the queue was full.
    private func deliver(_ ticket: AnswerQueue<ByteBuffer>.Ticket, _ bytes: ByteBuffer, context: ChannelHandlerContext) {
        answers.answer(ticket, with: bytes) { emit($0.bytes, closing: $0.closing, context: context) }
        if unflushed {
            unflushed = false
            context.flush()
        }
        if readDeferred, !answers.isFull {
            readDeferred = false
            context.read()
        }
    }

    func read(context: ChannelHandlerContext) {
        guard !answers.isFull else {
            readDeferred = true
            return
        }
        context.read()
    }

    private func discard(_ head: HTTPRequestHead, _ answer: Answer) {
        reading.discard(head, answering: answer)
    }

    private func methodNotAllowed(_ head: HTTPRequestHead, allow: String) -> Answer {
        var answer = Answer.refusal(.methodNotAllowed, "method \(head.method.rawValue) not allowed here; use \(allow)")
        answer.extraHeaders = [("allow", allow)]
        keepRejected(.methodNotAllowed, answer, head: head)
        return answer
    }

    private func tooLarge(_ head: HTTPRequestHead) -> Answer {
        let answer = Answer.refusal(.payloadTooLarge, "body larger than \(configuration.maximumBodyBytes) bytes (see --max-body)")
        keepRejected(.bodyTooLarge, answer, head: head)
        return answer
    }

    /// Counts a refused request and keeps it as the last of its reason: `raw` when it was read
    /// whole, else its head, redacted like every request kept.
    private func keepRejected(_ reason: RejectionReason, _ refusal: Answer, head: HTTPRequestHead, raw: RawRequest? = nil) {
        let rejection = CallbackRejection(reason, refusal.message ?? "")
        store.recordRejection(RejectedRequest(rejection, receivedAt: .now(), request: raw ?? keptRequest(head, body: nil)))
    }

    private func health() -> Answer {
        var body = JSONObjectWriter()
        body.string("status", "ok")
        body.number("accepted", String(store.acceptedCount))
        return Answer(status: .ok, body: body.finished() + "\n")
    }

    /// Answers before the request has been read to its end, then closes: the rest of the
    /// request cannot be trusted to be small.
    private func refuseEarly(_ answer: Answer, context: ChannelHandlerContext) {
        reading.close()
        write(answer.bytes(keepAlive: false, http10: false), closing: true, context: context)
    }

    private func send(_ answer: Answer, to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive && !answer.closesConnection
        if !keepAlive { reading.close() }
        let bytes = answer.bytes(keepAlive: keepAlive, http10: head.version == .http1_0, headOnly: head.method == .HEAD)
        write(bytes, closing: !keepAlive, context: context)
    }

    private func write(_ bytes: ByteBuffer, closing: Bool, context: ChannelHandlerContext) {
        guard answers.isEmpty else {
            return answers.append(bytes, closing: closing) { emit($0.bytes, closing: $0.closing, context: context) }
        }
        emit(bytes, closing: closing, context: context)
    }

    private func emit(_ bytes: ByteBuffer, closing: Bool, context: ChannelHandlerContext) {
        guard closing else {
            context.write(wrapOutboundOut(bytes), promise: nil)
            unflushed = true
            return
        }
        unflushed = false
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(bytes), promise: written)
        let channel = context.channel
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    /// One flush per batch of reads: pipelined requests share a single write to the socket.
    /// The decoder passes every read's completion on, even one that completed no part of a
    /// request: that read was a head still arriving.
    func channelReadComplete(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
        slowRequestClock.readCompleted(leavingRequestIncomplete: reading.readCompleted())
        context.fireChannelReadComplete()
    }

    func channelActive(context: ChannelHandlerContext) {
        // One timer per connection for each check, not one rescheduled on every read.
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let idlePeriod = TimeAmount.seconds(Int64(configuration.idleTimeoutSeconds))
        idleCheck = context.eventLoop.scheduleRepeatedTask(initialDelay: idlePeriod, delay: idlePeriod) { _ in
            let handler = bound.value.handler
            if !handler.sawActivity { bound.value.context.close(promise: nil) }
            handler.sawActivity = false
        }
        let slowPeriod = slowRequestClock.checkPeriod
        slowRequestCheck = context.eventLoop.scheduleRepeatedTask(initialDelay: slowPeriod, delay: slowPeriod) { _ in
            bound.value.handler.cutOffIfOverdue(context: bound.value.context)
        }
        context.fireChannelActive()
    }

    /// A request that never completed is answered 408 and the connection closed.
    private func cutOffIfOverdue(context: ChannelHandlerContext) {
        guard !reading.isClosing, slowRequestClock.isOverdue() else { return }
        stopChecks()
        refuseEarly(slowRequestClock.answer, context: context)
    }

    private func stopChecks() {
        idleCheck?.cancel()
        idleCheck = nil
        slowRequestCheck?.cancel()
        slowRequestCheck = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopChecks()
        reading.releaseBody()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Once we have refused a request early, what still arrives of it is not a new bad request.
        guard let parserError = error as? HTTPParserError, !reading.isClosing else {
            context.close(promise: nil)
            return
        }
        reading.close()
        let answer: Answer =
            parserError == .headerOverflow
            ? .refusal(.requestHeaderFieldsTooLarge, "request line or headers larger than \(configuration.maximumHeaderBytes) bytes")
            : .refusal(.badRequest, "malformed HTTP request: \(parserError)")
        // Nothing of a request the HTTP parser refused can be shown as one.
        store.recordRejection(RejectedRequest(CallbackRejection(.badHTTP, answer.message ?? ""), receivedAt: .now(), request: nil))
        write(answer.bytes(keepAlive: false, http10: false), closing: true, context: context)
    }
}
