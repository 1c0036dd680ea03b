import Foundation
import WatopCore
import WatopUI

// Micro benchmarks of the hot paths, each beside a reference measured in the same run:
// parsing (against Foundation's own parsers), a 3 MB Meta webhook, memory per buffered event,
// a dashboard frame and applying a filter with a full 1,000,000-event buffer. Run in release mode:
//   swift run -c release watop-benchmarks
// `watop-benchmarks journal-fill PATH COUNT` writes a journal instead (see JournalFill), and
// `watop-benchmarks forward-client URL SECONDS` times the forwarding client alone (see ForwardClient),
// and `watop-benchmarks history PATH [COUNT]` the history database (see HistoryBenchmark), and
// `watop-benchmarks attach POSTGRES_URL` attach's load and frame over a fleet's tables (see
// AttachBenchmark; the password from WATOP_BENCH_PG_PASSWORD), and `watop-benchmarks record` what
// recording an event costs, alone (see RecordBenchmark).
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "journal-fill", let count = Int(CommandLine.arguments[3]) {
    try JournalFill.run(path: CommandLine.arguments[2], count: count)
    exit(0)
}
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "forward-client", let seconds = Double(CommandLine.arguments[3]) {
    try ForwardClient.run(url: CommandLine.arguments[2], seconds: seconds)
    exit(0)
}
if (3...4).contains(CommandLine.arguments.count), CommandLine.arguments[1] == "history" {
    let count = CommandLine.arguments.count == 4 ? Int(CommandLine.arguments[3]) : 10_000_000
    guard let count, count >= 30 else {
        FileHandle.standardError.write(Data("watop-benchmarks history PATH [COUNT]: COUNT is a number of events, at least 30\n".utf8))
        exit(2)
    }
    try HistoryBenchmark.run(path: CommandLine.arguments[2], count: count)
    exit(0)
}
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "attach" {
    try AttachBenchmark.run(url: CommandLine.arguments[2], password: ProcessInfo.processInfo.environment["WATOP_BENCH_PG_PASSWORD"])
    exit(0)
}
let receivedAt = UnixTime(seconds: 1_710_000_050)
let parseCount = 200_000
let runs = 5

if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "record" {
    let events = (0..<parseCount).compactMap { try? CallbackParser.parse(Requests.post($0), receivedAt: receivedAt).events.first }
    let record = RecordBenchmark.run(events: events, runs: 9)
    print(String(format: "record              %.0f ns per event of a new message, %.0f ns per later callback (%d POST callbacks, median of 9)",
        record.newMessage, record.knownMessage, events.count))
    exit(0)
}

func rate(_ count: Int, _ seconds: Double) -> String {
    String(format: "%10.0f /s", Double(count) / seconds)
}

print("watop micro benchmarks (median of \(runs) runs; one core)\n")

let getRequests = (0..<parseCount).map(Requests.get)
let postRequests = (0..<parseCount).map(Requests.post)

let getSeconds = Measure.median(runs: runs) {
    for request in getRequests { consume(try? CallbackParser.parse(request, receivedAt: receivedAt)) }
}
let getReference = Measure.median(runs: runs) {
    for request in getRequests { consume(URLComponents(string: request.target)?.queryItems) }
}
print("parse GET query     watop \(rate(parseCount, getSeconds))   Foundation URLComponents \(rate(parseCount, getReference))   ×\(String(format: "%.1f", getReference / getSeconds))")

let postSeconds = Measure.median(runs: runs) {
    for request in postRequests { consume(try? CallbackParser.parse(request, receivedAt: receivedAt)) }
}
let postReference = Measure.median(runs: runs) {
    for request in postRequests { consume(try? JSONSerialization.jsonObject(with: Data(request.body))) }
}
print("parse POST JSON     watop \(rate(parseCount, postSeconds))   Foundation JSONSerialization \(rate(parseCount, postReference))   ×\(String(format: "%.1f", postReference / postSeconds))")

// The largest Meta webhook: parsed and recorded into a fresh store, as the listener does.
// Each run records into a store of its own, made beforehand: a running watop's store exists
// when a webhook comes, and making one (its message table, its latency rings) is no part of
// taking a webhook.
var webhookStores = (0..<runs).map { _ in EventStore(capacity: 100_000, startedAt: receivedAt) }
let webhookSeconds = Measure.median(runs: runs) {
    let store = webhookStores.removeLast()
    if let batch = try? CallbackParser.parse(LargeWebhook.request, receivedAt: receivedAt) { store.record(batch) }
    consume(store)
}
print(String(format: "large Meta webhook  %.1f ms to parse and record %d statuses (%.1f MB)", webhookSeconds * 1000,
    LargeWebhook.statuses, Double(LargeWebhook.request.bodyCount) / 1_000_000))

// Headless output: JSON lines for accepted events, batched into one buffer as watop does.
let parsedEvents = getRequests.compactMap { try? CallbackParser.parse($0, receivedAt: receivedAt).events.first }
let encodeSeconds = Measure.median(runs: runs) {
    var bytes: [UInt8] = []
    var json = EventJSON()
    for event in parsedEvents { json.append(event, to: &bytes) }
    consume(bytes)
}
print("JSON lines          watop \(rate(parsedEvents.count, encodeSeconds))   (headless output, one buffer per batch)")

// Alert rules: their counters on the intake path, and the check once a second.
let alerts = try AlertBenchmark.run(events: parsedEvents, runs: runs)
print(String(format: "alert rules         %.0f ns per event recorded with %d rules, %.0f ns without (×%.2f); one check of them %.3f ms",
    alerts.withRules * 1e9, AlertBenchmark.rules.count, alerts.without * 1e9, alerts.withRules / alerts.without, alerts.check * 1000))

// Memory: fill a 1,000,000-event store with distinct parsed callbacks, received over the day
// before `receivedAt` so that every window of the Rates chart has traffic in each bucket.
let capacity = 1_000_000
let day: Int64 = 86_400_000
let before = Measure.residentBytes()
let store = EventStore(capacity: capacity, startedAt: UnixTime(milliseconds: receivedAt.milliseconds - day))
for index in 0..<capacity {
    let request = index % 2 == 0 ? Requests.get(index) : Requests.post(index)
    let at = UnixTime(milliseconds: receivedAt.milliseconds - day + Int64(index) * day / Int64(capacity))
    if let batch = try? CallbackParser.parse(request, receivedAt: at) { store.record(batch) }
}
let after = Measure.residentBytes()
print("memory              \((after - before) / capacity) bytes per buffered event (RSS growth filling \(capacity) events)")

for window in [RateWindow.fiveMinutes, .day] {
    let unfiltered = FrameBenchmark.median(store: store, receivedAt: receivedAt, filter: nil, window: window)
    let filtered = FrameBenchmark.median(store: store, receivedAt: receivedAt, filter: "status:failed", window: window)
    print(String(format: "frame               %.2f ms unfiltered, %.2f ms with a filter (snapshot + filter + render, 1M events, Rates %@)",
        unfiltered * 1000, filtered * 1000, window.label))
}

// The Breakdown view beside the main view, on a store whose messages spread over many groups.
let breakdownFrames = BreakdownBenchmark.run(count: capacity, receivedAt: receivedAt)
print(String(format: "frame               %.2f ms Breakdown by ref, %.2f ms main view (1M events, %d campaigns, %d numbers)",
    breakdownFrames.breakdown * 1000, breakdownFrames.main * 1000, BreakdownBenchmark.campaigns, BreakdownBenchmark.numbers))

// Applying a new filter to the whole buffer, against simply walking it (the floor).
let window = store.snapshot().events
let filter = try EventFilter(parsing: "status:failed|not-sent -code:131047", now: receivedAt)
let applySeconds = Measure.median(runs: runs) { consume(FilteredEvents(filter: filter, window: window)) }
var walked = 0
let walkSeconds = Measure.median(runs: runs) { window.forEachOldestFirst { _ in walked += 1 } }
consume(walked)
print(String(format: "apply filter        %.1f ms over %d events (walking them alone: %.1f ms)", applySeconds * 1000, window.count, walkSeconds * 1000))
// Opening the Breakdown under that filter groups the matches by message as well.
let groupedSeconds = Measure.median(runs: runs) { consume(FilteredEvents(filter: filter, window: window, groupsBreakdown: true)) }
print(String(format: "apply filter        %.1f ms with the matches grouped for the Breakdown", groupedSeconds * 1000))
// Filters that name no status cannot use the status column: every event is read.
for text in ["code:131047", "from:918000000001 price>0", "engagement"] {
    let other = try EventFilter(parsing: text, now: receivedAt)
    let seconds = Measure.median(runs: runs) { consume(FilteredEvents(filter: other, window: window)) }
    print(String(format: "apply filter        %.1f ms for \"%@\" (no status term)", seconds * 1000, text))
}
// Terms about the message look each event's message up in the message table.
let messageStates = store.snapshot(at: receivedAt).messageStates
for text in ["stuck:", "age:>1h"] {
    let other = try EventFilter(parsing: text, now: receivedAt)
    let seconds = Measure.median(runs: runs) { consume(FilteredEvents(filter: other, window: window, messages: messageStates)) }
    print(String(format: "apply filter        %.1f ms for \"%@\" (a look-up in the message table per event)", seconds * 1000, text))
}
