import WatopCore

/// The inspector of one event: every field, the message's lifecycle, and the request exactly
/// as it came (method, target, headers, body; JSON bodies pretty-printed).
enum DetailView {
    static let labelWidth = 17

    static func draw(in grid: inout Grid, _ rect: Rect, detail: DetailState) {
        grid.scrolledText(rect, title: "Event #\(detail.event.sequence)", scroll: detail.scroll) { lines(of: detail, width: $0) }
    }

    /// The view's lines, wrapped to `width`.
    static func lines(of detail: DetailState, width: Int) -> [[Span]] {
        var out: [[Span]] = []
        func add(_ line: [Span], indent: Int = labelWidth) { out += wrapped(line, width: width, indent: indent) }
        let event = detail.event
        if let command = detail.copied {
            add([Span("Copied as curl", .panelTitle), Span("  to the clipboard (OSC 52); where the terminal ignores that, select it here", .muted)], indent: 2)
            add([Span(command, .text)], indent: 2)
            add([])
        }
        fieldLines(of: event).forEach { add($0.spans, indent: $0.indent) }
        add([])
        lifecycleLines(detail).forEach { add($0, indent: 2) }
        add([])
        if let forward = detail.forward {
            forwardedLines(forward).forEach { add($0.spans, indent: $0.indent) }
            add([])
        }
        guard let request = detail.request else {
            add([Span("Raw request", .panelTitle), Span("  no longer kept: only the newest events keep theirs (--raw-buffer)", .muted)], indent: 2)
            return out
        }
        add([Span("Raw request", .panelTitle)])
        RequestLines.of(request).forEach { add($0.spans, indent: $0.indent) }
        return out
    }

    /// When and how the event came, then every field, one a line: the top of the view, for an
    /// event of the buffer as for one of the history.
    static func fieldLines(of event: CallbackEvent, receiver: String? = nil) -> [(spans: [Span], indent: Int)] {
        let by = receiver.map { " by \($0)" } ?? ""
        var lines: [(spans: [Span], indent: Int)] = [
            ([Span("received ", .muted), Span(event.receivedAt.iso8601),
              Span("\(by) via \(event.method), fields from the \(event.transport.rawValue)", .muted)], 2),
            ([], 2),
        ]
        for (label, value, role) in fields(of: event) {
            lines.append(([Span(label.padded(to: labelWidth), .detailLabel), value.map { Span($0, role) } ?? Span("–", .muted)], labelWidth))
        }
        return lines
    }

    /// Each attempt at handing the request to the app: when, what it answered and how fast,
    /// its headers and the start of its body (the app's text, as untrusted as a callback's).
    private static func forwardedLines(_ record: ForwardRecord) -> [(spans: [Span], indent: Int)] {
        var lines: [(spans: [Span], indent: Int)] = [
            ([Span("Forwarded", .panelTitle), Span("  request #\(record.id) to the app, \(record.attempts.count) attempt(s)", .muted)], 2)
        ]
        if record.attempts.isEmpty { lines.append(([Span("  sent; the app has not answered yet", .muted)], 4)) }
        for (number, attempt) in record.attempts.enumerated() {
            let outcome = ForwardCell.outcome(attempt.state, status: attempt.status ?? 0)
            let latency = Format.duration(milliseconds: attempt.latencyMicroseconds / 1000)
            lines.append(
                ([Span("  #\(number + 1) ", .detailLabel), Span(attempt.startedAt.iso8601 + "  ", .muted), outcome,
                  Span("  in \(latency)", .muted)] + (attempt.failure.map { [Span("  " + $0, .error)] } ?? []), 4))
            for header in attempt.responseHeaders {
                lines.append(([Span("    " + header.name + ": ", .detailLabel), Span(header.value)], 6))
            }
            guard attempt.responseBodyBytes > 0 else { continue }
            let cut = attempt.responseBodyBytes > attempt.responseBody.count
            lines += RequestLines.body(attempt.responseBody).map { ([Span("    " + $0)], 4) }
            if cut { lines.append(([Span("    … \(attempt.responseBodyBytes) bytes in all; the first \(attempt.responseBody.count) kept", .muted)], 4)) }
        }
        return lines
    }

    /// What each format is, after its name in the `format` row.
    private static func summary(of format: CallbackFormat) -> String {
        switch format {
        case .kaleyraV1: "Kaleyra's callback profile"
        case .kaleyraV2: "Kaleyra's WhatsApp API v2 webhook"
        case .meta: "Meta's Cloud API webhook"
        case .twilio: "Twilio's WhatsApp status callback"
        }
    }

    private static func fields(of event: CallbackEvent) -> [(String, String?, StyleRole)] {
        // Meta's pricing comes only with its own formats: listed when given, not as "–" on every callback.
        let pricing: [(String, String?, StyleRole)] = [
            ("pricing.model", event.pricingModel, .text),
            ("pricing.type", event.pricingType.map { event.isCharged ? $0 + " (charged)" : $0 }, .text),
            ("pricing.category", event.pricingCategory, .text),
            ("pricing.billable", event.billable.map { String($0) }, .text),
        ].filter { $0.1 != nil }
        // Every entry of `errors[]` when there is more than the one the error fields show.
        let errors = event.errors
        let errorRows: [(String, String?, StyleRole)] =
            errors.count < 2 && errors.first?.message == errors.first?.title ? [] : errors.enumerated().map { index, error in
                ("errors[\(index)]", [error.code, error.title, error.message, error.details].compactMap { $0 }.joined(separator: " · "), .error)
            }
        // Provider and format first, named as the filter's `provider:` and `format:` take them.
        var rows: [(String, String?, StyleRole)] = [
            ("provider", event.format.provider, .text),
            ("format", "\(event.format.rawValue) — \(summary(of: event.format))", .text),
        ]
        for field in CallbackField.allCases {
            rows.append((field.key, shown(field, of: event), role(of: field, in: event)))
            if field == .errorCode { rows += errorRows }
            if field == .price { rows += pricing }
        }
        return rows
    }

    /// A field's value as the view words it.
    private static func shown(_ field: CallbackField, of event: CallbackEvent) -> String? {
        switch field {
        // Said in words, so that a customer's message does not read as an odd delivery status.
        case .status where event.status == .inbound: "inbound: the customer (mobile) wrote to whatsapp_number"
        case .errorCode: event.errorCode.map { code in ErrorCatalogue.meaning(of: code).map { "\(code) — \($0)" } ?? code }
        case .price: event.price.map { $0.formatted(minimumFractionDigits: 0) + " (reported)" }
        case .mobile where event.recipientKind != .phoneNumber:
            event.mobile.map { $0 + (event.recipientKind == .userID ? " (business-scoped user id)" : " (group)") }
        default: event.value(of: field)
        }
    }

    private static func role(of field: CallbackField, in event: CallbackEvent) -> StyleRole {
        switch field {
        case .status: event.status.role
        case .error, .errorCode: .error
        case .price: .price
        default: .text
        }
    }

    private static func lifecycleLines(_ detail: DetailState) -> [[Span]] {
        guard detail.event.status != .inbound else {
            return [
                [Span("Lifecycle", .panelTitle), Span("  none: a customer's message has no delivery statuses", .muted)]
            ]
        }
        guard let lifecycle = detail.lifecycle else {
            return [[Span("Lifecycle", .panelTitle), Span("  no longer tracked (its events left the buffer)", .muted)]]
        }
        var out = [[Span("Lifecycle", .panelTitle), Span("  now ", .muted), Span(lifecycle.current.name, lifecycle.current.role)]]
        for observation in lifecycle.history {
            var line = [
                Span("  " + observation.eventTime.iso8601 + "  ", .muted),
                // Twelve: `undelivered`, the longest named status, and a space.
                Span(observation.status.name.padded(to: 12), observation.status.role),
                Span(" #\(observation.sequence)", .muted),
            ]
            switch observation.arrival {
            case .inOrder: break
            case .outOfOrder: line.append(Span("  out of order", .warning))
            case .duplicate: line.append(Span("  duplicate", .warning))
            }
            if observation.sequence == detail.event.sequence { line.append(Span("  ◀ this event", .filterPrompt)) }
            out.append(line)
        }
        if lifecycle.droppedObservations > 0 {
            out.append([Span("  and \(lifecycle.droppedObservations) more callbacks not kept", .muted)])
        }
        out.append([
            Span("  time to delivered ", .muted), Span(lifecycle.timeToDelivered.map { Format.duration(milliseconds: $0) } ?? "–"),
            Span("  time to read ", .muted), Span(lifecycle.timeToRead.map { Format.duration(milliseconds: $0) } ?? "–"),
        ])
        return out
    }
}

extension String {
    /// The text padded with spaces to `length` columns (never cut).
    func padded(to length: Int) -> String {
        let width = SafeText.width(of: self)
        return width >= length ? self + " " : self + String(repeating: " ", count: length - width)
    }
}
