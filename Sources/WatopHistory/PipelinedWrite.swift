import Dispatch
import NIOConcurrencyHelpers
import WatopCore

/// Runs the history's writes on a thread of their own, one batch at a time, while the journal's
/// next lines are read and parsed: the two halves of the work then share the machine's cores.
///
/// At most one batch waits or runs. A batch that fails is kept as the failure, and every batch
/// after it is passed over until the failure is taken: the database's position then still
/// says where the failed batch began, and reading goes on from there.
final class PipelinedWrite: Sendable {
    private let queue = DispatchQueue(label: "watop-history-write")
    private let slot = DispatchSemaphore(value: 1)
    private let failure = NIOLockedValueBox<HistoryError?>(nil)
    private let lowPriority: Bool

    /// - Parameter lowPriority: the writes yield the CPU to intake (a running watop).
    init(lowPriority: Bool) { self.lowPriority = lowPriority }

    /// Queues `write`; waits while the batch before it is queued or running.
    /// - Parameter skipped: called instead of `write` when an earlier write failed.
    func submit(_ write: @escaping @Sendable () throws(HistoryError) -> Void, skipped: (@Sendable () -> Void)? = nil) {
        slot.wait()
        queue.async { [self] in
            if lowPriority { ThreadPriority.lowerThisThread() }
            if failure.withLockedValue({ $0 == nil }) {
                do throws(HistoryError) {
                    try write()
                } catch {
                    failure.withLockedValue { $0 = error }
                }
            } else {
                skipped?()
            }
            slot.signal()
        }
    }

    /// Waits until nothing is queued or running.
    func waitUntilIdle() {
        slot.wait()
        slot.signal()
    }

    /// The failure of a batch, once; batches are written again after it is taken. A batch
    /// queued after the failed one is passed over first: taken earlier, the failure would let
    /// that batch write its rows and its later position over the lines of the failed one.
    func takeFailure() -> HistoryError? {
        guard failure.withLockedValue({ $0 != nil }) else { return nil }
        waitUntilIdle()
        return failure.withLockedValue { failure in
            defer { failure = nil }
            return failure
        }
    }
}
