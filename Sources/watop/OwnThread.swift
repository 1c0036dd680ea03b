import Foundation

/// Work that blocks (the dashboard's key wait, the printer's writes to a full pipe) runs on a
/// thread of its own: blocked on one of the few threads Swift concurrency shares, it would hold
/// up everything else there, the wait for SIGINT included.
enum OwnThread {
    static func run<T: Sendable>(named name: String, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.start()
        }
    }
}
