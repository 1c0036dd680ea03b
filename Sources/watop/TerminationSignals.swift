import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGINT or SIGTERM without killing the process, so shutdown can finish its work.
enum TerminationSignals {
    /// Returns the first termination signal received. From then on a second one ends the
    /// process at once (the default action), should finishing hang: on a stdout nobody reads,
    /// say.
    static func next() async -> Int32 {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        defer {
            sources.forEach { $0.cancel() }
            for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        }
        for await number in stream { return number }
        return SIGTERM
    }
}
