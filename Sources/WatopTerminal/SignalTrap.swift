import CNcurses
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last termination signal received while the dashboard runs (0 for none). Set from a
/// signal handler, so it is an atomic and nothing else.
private let receivedTermination = Atomic<Int32>(0)

/// Turns SIGINT, SIGTERM and SIGHUP into a request to leave the loop (which then restores
/// the terminal on the normal path), and restores the terminal before a crash kills the
/// process. Puts the previous handlers back when released.
struct SignalTrap: ~Copyable {
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    private var previous: [(Int32, sighandler_t?)] = []

    init() {
        receivedTermination.store(0, ordering: .relaxed)
        for number in Self.terminating {
            previous.append((number, signal(number) { received in receivedTermination.store(received, ordering: .relaxed) }))
        }
        for number in Self.fatal {
            previous.append((number, signal(number) { received in
                // Not async-signal-safe in theory, but the process is dying either way and a
                // terminal left in raw mode on the alternate screen is worse.
                endwin()
                signal(received, SIG_DFL)
                raise(received)
            }))
        }
    }

    /// Whether a termination signal has arrived.
    var isTerminationRequested: Bool { receivedTermination.load(ordering: .relaxed) != 0 }

    deinit {
        for (number, handler) in previous { signal(number, handler) }
    }
}
