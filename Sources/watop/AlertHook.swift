import Foundation
import Glibc
import Synchronization
import WatopCore

/// Runs `--on-alert` whenever a rule fires or resolves: the program with its arguments, the
/// alert as one JSON line on stdin.
///
/// It runs without a shell (the words are split once, at start), in a session of its own with
/// no terminal, with an environment of its own (watop's may hold its secrets: `env:` tokens),
/// on a thread of its own rather than an event loop, at most `maximumRunning` at once, and
/// its whole process group is killed once `timeout` has passed. What goes wrong is reported,
/// never fatal.
final class AlertHook: Sendable {
    static let maximumRunning = 4
    /// The most of the program's stderr kept to say why it failed.
    static let keptErrorBytes = 4096

    let arguments: [String]
    let timeoutSeconds: Int
    private let running = Atomic<Int>(0)
    private let report: @Sendable (String) -> Void

    /// glibc's `POSIX_SPAWN_SETSID` (since 2.26): a GNU extension Swift's Glibc module leaves out.
    private static let newSession: Int32 = 0x80

    init(arguments: [String], timeoutSeconds: Int, report: @escaping @Sendable (String) -> Void) {
        precondition(!arguments.isEmpty, "a hook names a program")
        self.arguments = arguments
        self.timeoutSeconds = timeoutSeconds
        self.report = report
    }

    func run(_ transition: AlertTransition) {
        var current = running.load(ordering: .relaxed)
        while true {
            guard current < Self.maximumRunning else {
                report("--on-alert not run for \"\(transition.rule)\" (\(transition.state.rawValue)): \(current) still running")
                return
            }
            let (exchanged, original) = running.compareExchange(expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        let thread = Thread { [self] in
            defer { running.subtract(1, ordering: .relaxed) }
            if let failure = execute(transition) {
                report("--on-alert for \"\(transition.rule)\" (\(transition.state.rawValue)): \(failure)")
            }
        }
        thread.name = "watop-on-alert"
        thread.start()
    }

    /// Runs the program once and waits for it; what went wrong, or nil.
    private func execute(_ transition: AlertTransition) -> String? {
        var input: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard Self.makePipe(&input) else { return "cannot make a pipe: \(Self.errorText(errno))" }
        guard Self.makePipe(&errors) else {
            close(input[0])
            close(input[1])
            return "cannot make a pipe: \(Self.errorText(errno))"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on 0 and 2 only; every other descriptor of watop's (its
        // sockets, the journal) is close-on-exec and stays behind.
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | Self.newSession))
        var pid: pid_t = 0
        let spawned = Self.withCStrings(arguments) { argv in
            Self.withCStrings(environment(for: transition)) { envp in posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp) }
        }
        close(input[0])
        close(errors[1])
        defer { close(errors[0]) }
        guard spawned == 0 else {
            close(input[1])
            return "cannot run \(arguments[0]): \(Self.errorText(spawned))"
        }
        Self.writeIgnoringBrokenPipe(Array((transition.jsonLine + "\n").utf8), to: input[1])
        close(input[1])
        return wait(for: pid, errors: errors[0])
    }

    /// What the program sees: a path to find programs by, UTF-8, UTC, and the alert's names.
    private func environment(for transition: AlertTransition) -> [String] {
        [
            "PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"),
            "LANG=C.UTF-8", "TZ=UTC",
            "WATOP_ALERT_RULE=" + transition.rule, "WATOP_ALERT_STATE=" + transition.state.rawValue,
        ]
    }

    /// Waits for the program to end, keeping the start of its stderr, and kills its process
    /// group once the timeout has passed.
    private func wait(for pid: pid_t, errors: Int32) -> String? {
        _ = fcntl(errors, F_SETFL, fcntl(errors, F_GETFL) | O_NONBLOCK)
        var kept: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        var status: Int32 = 0
        while true {
            let read = chunk.withUnsafeMutableBytes { Glibc.read(errors, $0.baseAddress, $0.count) }
            if read > 0, kept.count < Self.keptErrorBytes { kept += chunk.prefix(min(read, Self.keptErrorBytes - kept.count)) }
            let ended = waitpid(pid, &status, WNOHANG)
            if ended == pid { break }
            if ended < 0, errno != EINTR { return "lost track of it: \(Self.errorText(errno))" }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return "killed after \(timeoutSeconds) s (--on-alert-timeout)"
            }
            if read <= 0 { usleep(20_000) }
        }
        let signal = status & 0x7f
        if signal != 0 { return "ended by signal \(signal)" }
        let code = (status >> 8) & 0xff
        guard code != 0 else { return nil }
        let firstLine = String(decoding: kept, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return "exited with \(code)" + (firstLine.isEmpty ? "" : ": " + firstLine)
    }

    /// Writes to the program's stdin; a program that exits without reading it raises SIGPIPE,
    /// which is held back on this thread and taken before it returns, so it cannot end watop.
    private static func writeIgnoringBrokenPipe(_ bytes: [UInt8], to descriptor: Int32) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { break }
            offset += written
        }
        var zero = timespec()
        while sigtimedwait(&pipeSignal, nil, &zero) == SIGPIPE {}
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// A pipe whose ends close on exec (`pipe2` is a GNU extension Swift's Glibc module leaves out).
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
