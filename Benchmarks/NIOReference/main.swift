import NIOCore
import NIOHTTP1
import NIOPosix
import WatopServer

// The floor of watop's HTTP path, for `scripts/bench.sh`: a SwiftNIO server with the same
// decoder, event-loop threads and socket options as watop's listener, that answers every
// request with a fixed 200 and does nothing else. The gap between it and nginx is the HTTP stack's;
// the gap between it and watop is watop's own work.
//   watop-nio-reference PORT

/// Answers each complete request with the same bytes, flushed once per read batch as watop
/// does, and closes after answering a request that asked to (`Connection: close`).
final class FixedAnswer: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private static let answer = ByteBuffer(
        string: "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"ok\":true}\n")
    private static let lastAnswer = ByteBuffer(
        string: "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"ok\":true}\n")
    private var unflushed = false
    private var keepAlive = true

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): keepAlive = head.isKeepAlive
        case .body: break
        case .end:
            guard keepAlive else {
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(Self.lastAnswer)).whenComplete { _ in channel.close(promise: nil) }
                return
            }
            context.write(wrapOutboundOut(Self.answer), promise: nil)
            unflushed = true
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
    }
}

guard CommandLine.arguments.count == 2, let port = Int(CommandLine.arguments[1]) else {
    fatalError("usage: watop-nio-reference PORT")
}
let group = MultiThreadedEventLoopGroup(numberOfThreads: ListenerConfiguration.defaultThreads)
let channel = try CallbackListener.bootstrap(group: group)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(
                ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
            try channel.pipeline.syncOperations.addHandler(FixedAnswer())
        }
    }
    .bind(host: "127.0.0.1", port: port).wait()
try channel.closeFuture.wait()
