import NIOCore
import NIOHTTP1

/// Closes a connection whose request takes too long to arrive (slowloris: headers or a body
/// trickled a byte at a time to hold a connection open). The clock starts with the first bytes
/// of a request and stops when it is answered; an idle keep-alive connection is left to the
/// idle timeout instead.
final class SlowRequestGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limit: TimeAmount
    private var deadline: Scheduled<Void>?

    init(limit: TimeAmount) {
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if deadline == nil {
            let channel = context.channel
            let seconds = limit.nanoseconds / 1_000_000_000
            deadline = context.eventLoop.scheduleTask(in: limit) {
                // The request never completed: say so (408) and hang up.
                let answer = Answer.refusal(.requestTimeout, "request not complete within \(seconds) s")
                channel.writeAndFlush(answer.bytes(keepAlive: false, http10: false)).whenComplete { _ in
                    channel.close(promise: nil)
                }
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // An answer went out: the request it answers arrived in time.
        deadline?.cancel()
        deadline = nil
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
