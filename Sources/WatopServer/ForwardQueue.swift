import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import WatopCore

/// Queue mode (`--forward-mode queue`): the provider is answered 200 once a callback is in the
/// journal, and the journal is delivered to the app from there, in arrival order per message,
/// retrying what the app does not take (no answer, 5xx, 429) and setting aside what it refuses
/// for good (any other status but 2xx). The backlog lives in the journal, not in memory: at
/// most `Settings.readAhead` requests are held, however long the app is down.
///
/// All its work runs on one of the listener's event loops; its state is behind a lock only
/// so that the journal's thread can announce new lines.
public final class ForwardQueue: Sendable {
    public struct Settings: Sendable {
        /// Requests read ahead from the journal and held in memory, at most.
        public var readAhead = 4096
        /// Bytes those requests may hold, at most.
        public var readAheadBytes = 64 << 20
        /// Requests sent to the app at once.
        public var maximumInFlight = 64

        public init() {}
    }

    private struct Pending: Sendable {
        var entry: JournalRecord.Entry
        var bytes: Int
    }

    private struct State: Sendable {
        var tail: JournalTail
        var log: DeliveredLog
        var schedule: DeliverySchedule<Pending>
        /// The forward record of each journal line recorded by this process, until it is read.
        var recordIDs: [Int64: UInt64] = [:]
        var inFlightOffsets: Set<Int64> = []
        var heldBytes = 0
        /// Journal lines not yet read (some may turn out settled): with what is held, the backlog.
        var unreadLines = 0
        var settledSinceWatermark = 0
        var timerArmed = false
        /// A pump is on the loop's queue: what happens before it runs waits for it, so a round
        /// of answers (or of journaled lines) costs one pass and one write to the delivered log.
        var pumpScheduled = false
        var stopped = false
    }

    private let journal: Journal
    private let loop: any EventLoop
    private let forwarder: any Forwarder
    private let plan: ForwardPlan
    private let store: EventStore
    private let settings: Settings
    private let state: NIOLockedValueBox<State>

    /// Lines recorded but not yet read whose records are remembered; past this, a line gets a
    /// record of its own when it is sent (its events then show no outcome).
    static let rememberedRecords = 100_000

    init(
        journal: Journal, forwarder: any Forwarder, plan: ForwardPlan, store: EventStore, loop: any EventLoop,
        settings: Settings
    ) throws(JournalError) {
        let journalPath = journal.path
        var tail = try JournalTail(path: journalPath, from: 0)
        let log: DeliveredLog
        do {
            log = try DeliveredLog(journalPath: journalPath, journalEnd: tail.readableEnd)
        } catch {
            tail.close()
            throw error
        }
        tail = try JournalTail(path: journalPath, from: log.watermark)
        journal.delivered(upTo: log.watermark)
        self.journal = journal
        self.loop = loop
        self.forwarder = forwarder
        self.plan = plan
        self.store = store
        self.settings = settings
        var initial = State(tail: tail, log: log, schedule: DeliverySchedule(maximumInFlight: settings.maximumInFlight))
        initial.unreadLines = tail.linesAhead()
        state = NIOLockedValueBox(initial)
    }

    /// Begins delivering what the journal holds and what comes.
    func start() {
        schedulePump()
    }

    /// A line was written to the journal (called on the journal's thread, in file order): it
    /// may be read now, and its events' forward record is `recordID`.
    func journaled(offset: Int64, length: Int, recordID: UInt64) {
        state.withLockedValue { state in
            state.tail.readableEnd = max(state.tail.readableEnd, offset + Int64(length))
            state.unreadLines += 1
            if state.recordIDs.count < Self.rememberedRecords { state.recordIDs[offset] = recordID }
        }
        schedulePump()
    }

    private func schedulePump() {
        let alreadyScheduled = state.withLockedValue { state in
            defer { state.pumpScheduled = true }
            return state.pumpScheduled
        }
        if !alreadyScheduled { loop.execute { self.pump() } }
    }

    /// Reads what may be read, sends what may be sent.
    private func pump() {
        let now = NIODeadline.now()
        var sending: [(DeliverySchedule<Pending>.Waiting, UInt64?)] = []
        let (depth, oldest, wakeAt) = state.withLockedValue { state -> (Int, UnixTime?, NIODeadline?) in
            state.pumpScheduled = false
            guard !state.stopped else { return (0, nil, nil) }
            while state.schedule.waiting.count + state.schedule.inFlight < settings.readAhead,
                state.heldBytes < settings.readAheadBytes, let (offset, line) = state.tail.nextLine()
            {
                state.unreadLines = max(0, state.unreadLines - 1)
                guard !state.log.isSettled(offset) else { continue }
                guard let entry = try? JournalRecord.entry(fromLine: Array(line)) else {
                    // Not a journal record (a damaged line): nothing to send; set aside.
                    state.log.setAside(offset, status: 0)
                    continue
                }
                // Meta's handshake went to the app when it came: its challenge cannot wait.
                if entry.request.isMetaHandshake {
                    state.log.delivered(offset)
                    continue
                }
                state.heldBytes += line.count
                state.schedule.add(.init(offset: offset, messageID: entry.messageID, item: Pending(entry: entry, bytes: line.count)))
            }
            while let next = state.schedule.next(now: now) {
                state.inFlightOffsets.insert(next.offset)
                sending.append((next, state.recordIDs.removeValue(forKey: next.offset)))
            }
            state.log.flush()
            var wakeAt: NIODeadline?
            // Only a pause still ahead needs waking for: once it is over, sends follow answers.
            if let paused = state.schedule.pausedUntil, paused > now, !state.schedule.waiting.isEmpty, !state.timerArmed {
                state.timerArmed = true
                wakeAt = paused
            }
            let depth = state.unreadLines + state.schedule.waiting.count + state.schedule.inFlight
            let oldest = state.schedule.waiting.first.map(\.item.entry.receivedAt)
            return (depth, oldest, wakeAt)
        }
        store.setForwardQueue(depth: depth, oldestSince: oldest)
        if let wakeAt {
            loop.scheduleTask(deadline: wakeAt) {
                self.state.withLockedValue { $0.timerArmed = false }
                self.pump()
            }
        }
        for (waiting, recordID) in sending { send(waiting, recordID: recordID) }
    }

    private func send(_ waiting: DeliverySchedule<Pending>.Waiting, recordID known: UInt64?) {
        let entry = waiting.item.entry
        let recordID =
            known
            ?? store.recordForwarded(
                nil, method: entry.request.method, target: entry.request.target, fingerprint: nil, journalPosition: waiting.offset
            ).id
        forwarder.attempt(plan.request(replaying: entry), on: loop).whenSuccess { attempt, _ in
            self.settle(waiting, recordID: recordID, attempt: attempt)
        }
    }

    /// Records what became of an attempt and decides the request's fate.
    private func settle(_ waiting: DeliverySchedule<Pending>.Waiting, recordID: UInt64, attempt: ForwardAttempt) {
        let status = attempt.status ?? 0
        let outcome: ForwardState =
            switch status {
            case 200..<300: .delivered
            case 0, 429, 500...: .queued
            default: .deadLettered
            }
        state.withLockedValue { state in
            state.inFlightOffsets.remove(waiting.offset)
            guard !state.stopped else { return }
            switch outcome {
            case .queued:
                state.schedule.failed(waiting, now: .now(), jitter: Double.random(in: 0...1))
                return
            case .delivered:
                state.log.delivered(waiting.offset)
            default:
                state.log.setAside(waiting.offset, status: status)
            }
            state.schedule.finished(waiting)
            state.heldBytes -= waiting.item.bytes
            state.settledSinceWatermark += 1
            // A watermark now and then keeps the next start's reading short.
            if state.settledSinceWatermark >= 256 {
                state.settledSinceWatermark = 0
                advanceWatermark(&state)
            }
        }
        store.completeForward(recordID, with: attempt, settled: outcome)
        schedulePump()
    }

    /// Records that every line below the oldest unsettled one is settled, in the delivered log
    /// and for the journal, whose segments before it may then go once past their retention.
    private func advanceWatermark(_ state: inout State) {
        state.log.advance(to: state.schedule.settledBelow(readOffset: state.tail.offset, inFlightOffsets: state.inFlightOffsets))
        journal.delivered(upTo: state.log.watermark)
    }

    /// Stops sending; what was not delivered is delivered by the next start.
    func stop() {
        state.withLockedValue { state in
            guard !state.stopped else { return }
            state.stopped = true
            advanceWatermark(&state)
            state.log.close()
            state.tail.close()
        }
    }
}

extension ForwardAttempt {
    /// An attempt from what the forwarder brought back.
    init(_ result: Result<ForwardResponse, ForwardFailure>, startedAt: UnixTime, latencyMicroseconds micros: Int64) {
        switch result {
        case .success(let response):
            let body = response.body.map { Array($0.readableBytesView.prefix(ForwardAttempt.keptBodyBytes)) } ?? []
            self.init(
                startedAt: startedAt, latencyMicroseconds: micros, status: Int(response.status.code),
                responseHeaders: response.headers.map { ($0.name, $0.value) }, responseBody: body,
                responseBodyBytes: response.body?.readableBytes ?? 0)
        case .failure(let failure):
            self.init(startedAt: startedAt, latencyMicroseconds: micros, status: nil, failure: failure.description)
        }
    }
}
