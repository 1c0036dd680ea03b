import WatopCore

/// The inspector of one event of the history: every field, its message's lifecycle as the
/// history holds it (every receiver's callbacks), and its request as kept.
enum StoredDetailView {
    static func draw(in grid: inout Grid, _ rect: Rect, detail: StoredDetailState) {
        let title = "Stored event \(detail.stored.receiver) #\(detail.stored.position)"
        grid.scrolledText(rect, title: title, scroll: detail.scroll) { lines(of: detail, width: $0) }
    }

    /// The view's lines, wrapped to `width`.
    static func lines(of detail: StoredDetailState, width: Int) -> [[Span]] {
        var out: [[Span]] = []
        func add(_ line: [Span], indent: Int) { out += wrapped(line, width: width, indent: indent) }
        let stored = detail.stored
        DetailView.fieldLines(of: stored.event, receiver: stored.receiver).forEach { add($0.spans, indent: $0.indent) }
        add([], indent: 2)
        guard let kept = detail.kept else {
            add([Span("Lifecycle and raw request", .panelTitle), Span("  reading the history…", .muted)], indent: 2)
            return out
        }
        lifecycleLines(kept.lifecycle, of: stored).forEach { add($0, indent: 2) }
        add([], indent: 2)
        if let forward = kept.forward {
            add(forwardedLine(forward), indent: 4)
            add([], indent: 2)
        }
        guard let request = kept.request else {
            add([Span("Raw request", .panelTitle), Span("  not kept: retention removed it", .muted)], indent: 2)
            return out
        }
        var title = [Span("Raw request", .panelTitle), Span("  as kept", .muted)]
        if request.isBodyCut {
            title.append(Span("  body cut at \(Format.count(request.body.count)) of \(Format.count(request.bodyBytes)) bytes (--store-body)", .warning))
        }
        add(title, indent: 2)
        RequestLines.of(request.kept).forEach { add($0.spans, indent: $0.indent) }
        return out
    }

    /// What the app made of the request, as the history keeps it: the latest attempt only.
    private static func forwardedLine(_ outcome: ForwardOutcome) -> [Span] {
        [
            Span("Forwarded", .panelTitle), Span("  \(outcome.attempts) attempt(s), the latest ", .muted),
            Span(outcome.attemptedAt.iso8601 + "  ", .muted), ForwardCell.outcome(outcome.state, status: outcome.status ?? 0),
            Span("  in \(Format.duration(milliseconds: outcome.latencyMicroseconds / 1000))", .muted),
        ] + (outcome.failure.map { [Span("  " + $0, .error)] } ?? [])
    }

    /// The message's events oldest first, each with the receiver that took it.
    private static func lifecycleLines(_ lifecycle: [StoredEvent], of stored: StoredEvent) -> [[Span]] {
        guard stored.event.status != .inbound else {
            return [[Span("Lifecycle", .panelTitle), Span("  none: a customer's message has no delivery statuses", .muted)]]
        }
        var out = [[Span("Lifecycle", .panelTitle), Span("  \(lifecycle.count) callbacks in the history", .muted)]]
        for step in lifecycle {
            var line = [
                Span("  " + step.event.receivedAt.iso8601 + "  ", .muted),
                // Twelve: `undelivered`, the longest named status, and a space.
                Span(step.event.status.name.padded(to: 12), step.event.status.role),
                Span(" \(step.receiver) #\(step.position)", .muted),
            ]
            if step.cursor == stored.cursor { line.append(Span("  ◀ this event", .filterPrompt)) }
            out.append(line)
        }
        return out
    }
}
