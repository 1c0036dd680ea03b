import NIOCore
import NIOHTTP1

/// Closes a connection whose request takes too long to arrive (slowloris: headers or a body
/// trickled a byte at a time to hold a connection open). The clock starts with the first bytes
/// of a request and stops when it is answered; an idle keep-alive connection is left to the
/// idle timeout instead.
///
/// One repeating check per connection, every quarter of the limit, rather than a timer armed
/// and cancelled for every request: at keep-alive speed that timer was a heap insertion and
/// removal per callback. A request is cut off between 1 and 1¼ times the limit after it began.
final class SlowRequestGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let checksPerLimit: Int64 = 4
    private let limit: TimeAmount
    private var check: RepeatedTask?
    /// Whether a request has begun and not yet been answered.
    private var requestPending = false
    /// Checks that found the same request still pending.
    private var checksPending: Int64 = 0

    init(limit: TimeAmount) {
        self.limit = limit
    }

    func channelActive(context: ChannelHandlerContext) {
        let period = TimeAmount.nanoseconds(max(1, limit.nanoseconds / Self.checksPerLimit))
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let channel = context.channel
        check = context.eventLoop.scheduleRepeatedTask(initialDelay: period, delay: period) { _ in
            handler.value.checkPendingRequest(channel)
        }
        context.fireChannelActive()
    }

    private func checkPendingRequest(_ channel: any Channel) {
        guard requestPending else { return }
        checksPending += 1
        // The first check may come just after the request began: one more than a limit's worth.
        guard checksPending > Self.checksPerLimit else { return }
        check?.cancel()
        check = nil
        // The request never completed: say so (408) and hang up.
        let answer = Answer.refusal(.requestTimeout, "request not complete within \(limit.nanoseconds / 1_000_000_000) s")
        channel.writeAndFlush(answer.bytes(keepAlive: false, http10: false)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        requestPending = true
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // An answer went out: the request it answers arrived in time.
        requestPending = false
        checksPending = 0
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }
}
