import WatopCore

/// Why requests were refused: each reason with its count, most first, and the last request
/// refused for it as far as watop read it (credentials redacted, cut to a few KiB).
enum RejectionsView {
    static let title = "Rejected requests"

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState) {
        grid.scrolledText(rect, title: title, scroll: state.rejectionsScroll) { lines(of: state.shown, width: $0) }
    }

    /// The reasons, most refusals first (ties by name), as the header's top reason is chosen.
    static func reasons(in aggregates: Aggregates) -> [(reason: RejectionReason, count: Int)] {
        aggregates.rejections.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// The view's lines, wrapped to `width`.
    static func lines(of snapshot: StoreSnapshot?, width: Int) -> [[Span]] {
        var out: [[Span]] = []
        func add(_ line: [Span], indent: Int) { out += wrapped(line, width: width, indent: indent) }
        let reasons = reasons(in: snapshot?.aggregates ?? Aggregates())
        guard !reasons.isEmpty else {
            add([Span("no request refused since start", .muted)], indent: 0)
            return out
        }
        for (reason, count) in reasons {
            let last = snapshot?.lastRejected[reason]
            var heading = [Span(reason.rawValue, .warning), Span("  \(Format.count(count))", .text)]
            if let last {
                heading += [Span("  last at \(last.receivedAt.clockTime)  ", .muted), Span(last.message)]
            }
            add(heading, indent: 2)
            if let request = last?.request {
                RequestLines.of(request).forEach { add($0.spans, indent: $0.indent) }
                if let last, last.bodyCount > request.bodyCount {
                    add([Span("  … \(Format.count(last.bodyCount - request.bodyCount)) more bytes of the body not kept", .muted)], indent: 2)
                }
            } else if last != nil {
                add([Span("  refused before a request could be read", .muted)], indent: 2)
            } else {
                add([Span("  no request kept: refused before this start (read back from the journal)", .muted)], indent: 2)
            }
            add([], indent: 0)
        }
        return out
    }
}
