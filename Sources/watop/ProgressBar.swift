/// A one-line progress bar on stderr, redrawn in place at most ten times a second.
final class ProgressBar {
    private var lastDrawn = ContinuousClock.now - .seconds(1)
    private static let width = 30

    func show(done: Int64, of total: Int64, note: String) {
        let now = ContinuousClock.now
        guard now - lastDrawn >= .milliseconds(100) || done >= total else { return }
        lastDrawn = now
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int(fraction * Double(Self.width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.width - filled)
        StandardStreams.writeError("\r\u{1b}[2K\(bar) \(Int(fraction * 100))%  \(note)")
    }

    func finish() { StandardStreams.writeError("\r\u{1b}[2K") }
}
