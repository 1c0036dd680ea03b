#if canImport(Glibc)
import Glibc
#endif

/// The history's work yields the CPU to intake: its threads run at the lowest priority.
enum ThreadPriority {
    static func lowerThisThread() {
        // On Linux the nice value belongs to a thread, and 0 names the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
    }
}
