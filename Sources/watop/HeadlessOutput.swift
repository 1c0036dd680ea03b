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
        let printer = Task {
            while !Task.isCancelled {
                printPending()
                try? await Task.sleep(for: Self.flushInterval)
            }
        }
        _ = await TerminationSignals.next()
        // Stop taking callbacks first, so that every accepted event is printed before the summary.
        // Stop taking callbacks, let the journal write and answer what is in flight (while the
        // event loops still run), then close: every acknowledged event is printed below.
        await listener.stopAccepting()
        journal?.close()
        await listener.shutdown()
        printer.cancel()
        await printer.value
        printPending()
        StandardStreams.writeOutput(SummaryJSON.line(for: store.snapshot(), now: .now()) + "\n")
    }

    private func printPending() {
        let events = store.drainOutbox()
        guard !events.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 600)
        for event in events { EventJSON.append(event, to: &bytes) }
        StandardStreams.writeOutput(bytes)
    }
}
