import WatopCore
import WatopServer

/// Headless mode: every accepted event as one JSON line on stdout, and on SIGINT/SIGTERM a
/// one-line summary as the very last line, then exit 0.
struct HeadlessOutput {
    let store: EventStore
    let listener: CallbackListener
    let journal: Journal?

    /// How often queued events are written; batching keeps writes few at high rates.
    static let flushInterval = Duration.milliseconds(50)

    func run() async {
        let printer = Task { [store] in
            var printer = JSONLinePrinter(store: store)
            while !Task.isCancelled {
                printer.printPending()
                try? await Task.sleep(for: Self.flushInterval)
            }
            return printer
        }
        _ = await TerminationSignals.next()
        // Stop taking callbacks, let the journal write and answer what is in flight (while the
        // event loops still run), then close: every acknowledged event is printed below.
        await listener.stopAccepting()
        journal?.close()
        await listener.shutdown()
        printer.cancel()
        var last = await printer.value
        last.printPending()
        StandardStreams.writeOutput(SummaryJSON.line(for: store.snapshot(), now: .now()) + "\n")
    }
}

/// Writes the store's queued events as JSON lines. It keeps its event and byte buffers from
/// one batch to the next and writes every `chunkBytes`: at tens of thousands of callbacks a
/// second, a fresh multi-megabyte buffer per batch was mapped and unmapped each time, and
/// each unmapping interrupted the event loops' core to flush its address translations.
struct JSONLinePrinter {
    static let chunkBytes = 256 * 1024
    let store: EventStore
    private var events: [CallbackEvent] = []
    private var bytes: [UInt8] = []
    private var json = EventJSON()

    init(store: EventStore) {
        self.store = store
        bytes.reserveCapacity(Self.chunkBytes + 64 * 1024)
    }

    mutating func printPending() {
        store.drainOutbox(into: &events)
        guard !events.isEmpty else { return }
        events.forEachLent { event in
            json.append(event, to: &bytes)
            if bytes.count >= Self.chunkBytes { write() }
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
