import Dispatch
import Logging
import WatopCore
import WatopHistory
import WatopServer

/// Headless mode: every accepted event as one JSON line on stdout, and on SIGINT/SIGTERM a
/// one-line summary as the very last line, then exit 0.
struct HeadlessOutput {
    let store: EventStore
    let listener: CallbackListener
    let journal: Journal?
    let history: HistoryWriter?
    let alerts: AlertChecks?
    let logger: Logger

    /// How often queued events are written; batching keeps writes few at high rates.
    static let flushInterval = DispatchTimeInterval.milliseconds(50)

    func run() async {
        // Signalled once the listener has stopped: the printer then writes what is left and ends.
        let stop = DispatchSemaphore(value: 0)
        let printing = Task { [store, alerts] in
            await OwnThread.run(named: "watop-printer") {
                var printer = JSONLinePrinter(store: store, alerts: alerts)
                repeat { printer.printPending() } while stop.wait(timeout: .now() + Self.flushInterval) == .timedOut
                printer.printPending()
            }
        }
        // The printer cannot say that stdout fell behind: it is stuck in a write then.
        let watching = Task { [store, history, logger] in
            var watch = StalledOutputWatch()
            var historyProblem: String?
            while !Task.isCancelled {
                try? await Task.sleep(for: StalledOutputWatch.checkInterval)
                if let warning = watch.warning(unprinted: store.outboxLeftOut) { logger.warning("\(warning)") }
                // The history failing, and writing again, each said once.
                let problem = history?.progress.problem
                if problem != historyProblem {
                    if let problem {
                        logger.warning("history: \(problem); the journal keeps what comes, and it is written once the database is back")
                    } else {
                        logger.notice("history: writing again")
                    }
                    historyProblem = problem
                }
            }
            return watch
        }
        // Finishing waits for stdout to take the last lines; a second signal gives up on them.
        _ = await TerminationSignals.next()
        // Stop taking callbacks, let the journal write and answer what is in flight (while the
        // event loops still run), then close: every acknowledged event is printed below.
        await listener.stopAccepting()
        history?.stop()
        journal?.close()
        await listener.shutdown()
        stop.signal()
        await printing.value
        watching.cancel()
        var watch = await watching.value
        let unprinted = store.outboxLeftOut
        if let warning = watch.warning(unprinted: unprinted, final: true) { logger.warning("\(warning)") }
        StandardStreams.writeOutput(SummaryJSON.line(for: store.snapshot(), now: .now(), unprinted: unprinted, history: history?.progress) + "\n")
    }
}

/// Writes the store's queued events as JSON lines. It keeps its event and byte buffers from
/// one batch to the next and writes every `chunkBytes`: at tens of thousands of callbacks a
/// second, a fresh multi-megabyte buffer per batch was mapped and unmapped each time, and
/// each unmapping interrupted the event loops' core to flush its address translations.
struct JSONLinePrinter {
    static let chunkBytes = 256 * 1024
    let store: EventStore
    private var alerts: AlertChecks?
    private var events: [CallbackEvent] = []
    private var bytes: [UInt8] = []
    private var json = EventJSON()

    init(store: EventStore, alerts: AlertChecks? = nil) {
        self.store = store
        self.alerts = alerts
        bytes.reserveCapacity(Self.chunkBytes + 64 * 1024)
    }

    /// Prints the events queued since the last call, then the notices and the forward attempts
    /// completed since then, then the alerts that fired or resolved at this second's check.
    /// Attempts are taken first: each has its events recorded before it began, so they are
    /// among those taken after it, and its line comes after theirs.
    mutating func printPending() {
        let forwards = store.drainForwardUpdates()
        store.drainOutbox(into: &events)
        let notices = store.drainNotices()
        let changes = alerts?.due(at: .now()) ?? []
        guard !events.isEmpty || !forwards.isEmpty || !notices.isEmpty || !changes.isEmpty else { return }
        events.forEachLent { event in
            json.append(event, to: &bytes)
            if bytes.count >= Self.chunkBytes { write() }
        }
        for notice in notices {
            bytes += notice.jsonLine.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        for update in forwards {
            bytes += ForwardJSON.line(for: update).utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        for change in changes {
            bytes += change.jsonLine.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        write()
        // The events are let go here, and their array handed back to the store at the next drain.
        events.removeAll(keepingCapacity: true)
    }

    private mutating func write() {
        guard !bytes.isEmpty else { return }
        StandardStreams.writeOutput(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
