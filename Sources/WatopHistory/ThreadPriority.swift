#if canImport(Glibc)
import Glibc
#endif

/// The history's work yields the CPU to intake: its threads run only when no other thread of
/// the machine wants the CPU.
enum ThreadPriority {
    static func lowerThisThread() {
        // SCHED_IDLE rather than the lowest nice value alone: at nice 19 the writer still took a
        // share of the two cores that the intake's journal thread waited for. On Linux both
        // belong to a thread, and 0 names the calling one.
        var parameters = sched_param(sched_priority: 0)
        if sched_setscheduler(0, schedIdle, &parameters) != 0 {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        }
    }

    /// Linux's SCHED_IDLE, which <sched.h> declares only under _GNU_SOURCE.
    private static let schedIdle: Int32 = 5
}
