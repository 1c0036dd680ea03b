import Dispatch
import NIOConcurrencyHelpers

/// Runs async work for a thread of its own that waits for it: the history writer's threads
/// are no concurrency threads, and block while the database works.
enum Blocking {
    /// The work took longer than it was given; it is cancelled.
    struct TimedOut: Error {}

    static func run<Value: Sendable>(
        timeoutSeconds: Double, _ work: @escaping @Sendable () async throws -> Value
    ) -> Result<Value, any Error> {
        let outcome = NIOLockedValueBox<Result<Value, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            do {
                let value = try await work()
                outcome.withLockedValue { $0 = .success(value) }
            } catch {
                outcome.withLockedValue { $0 = .failure(error) }
            }
            done.signal()
        }
        guard done.wait(timeout: .now() + timeoutSeconds) == .success else {
            task.cancel()
            return .failure(TimedOut())
        }
        return outcome.withLockedValue { $0! }
    }
}
