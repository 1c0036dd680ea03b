import WatopCore
import WatopUI

/// One dashboard frame as the terminal loop makes it: snapshot, incremental filter, render at
/// 200×60 with the Rates chart over `window`, or the view `opening` leads to; 1,000 new events
/// (made by `request`) arrive between frames, as under load, at `receivedAt`, the newest
/// moment of the store.
enum FrameBenchmark {
    static func median(
        store: EventStore, receivedAt: UnixTime, filter: String?, window: RateWindow = .fiveMinutes, opening: [Action] = [],
        request: (Int) -> RawRequest = Requests.get
    ) -> Double {
        var state = UIState(size: TerminalSize(columns: 200, rows: 60))
        reduce(&state, .refresh(store.snapshot(), at: receivedAt))
        while state.rateWindow != window { reduce(&state, .cycleRateWindow) }
        for action in opening { reduce(&state, action) }
        if let filter {
            reduce(&state, .beginFilter)
            for character in filter { reduce(&state, .editFilter(.insert(character))) }
            reduce(&state, .commitFilter)
        }
        var next = 2_000_000
        var times: [Double] = []
        for _ in 0..<30 {
            for _ in 0..<1000 {
                if let batch = try? CallbackParser.parse(request(next), receivedAt: receivedAt) { store.record(batch) }
                next += 1
            }
            times.append(
                Measure.median(runs: 1) {
                    reduce(&state, .refresh(store.snapshot(), at: receivedAt))
                    consume(render(state, Frame(now: receivedAt, callbackURL: "http://127.0.0.1:8080/callback")))
                })
        }
        return times.sorted()[times.count / 2]
    }
}
