import WatopCore

/// `watop history`'s table: the dashboard's events columns as lines of text for a terminal
/// that scrolls, aligned, every value made safe to print (text from a callback never reaches
/// the terminal as control characters).
public enum HistoryTable {
    static let titles = ["time", "status", "id", "to", "from", "code", "price"]

    /// A header line, then one line per event; with `receivers` (one per event), a column of them.
    public static func lines(_ events: [CallbackEvent], receivers: [String]? = nil) -> [String] {
        var rows = events.map { event in
            [
                event.receivedAt.iso8601, event.status.name, event.id, event.recipient ?? "–", event.whatsappNumber ?? "–",
                event.errorCode ?? "", event.price.map(Format.price) ?? "",
            ].map(SafeText.visible)
        }
        var header = titles
        if let receivers {
            header.append("receiver")
            for index in rows.indices { rows[index].append(SafeText.visible(receivers[index])) }
        }
        let priceColumn = titles.firstIndex(of: "price")!
        let widths = header.indices.map { column in
            ([header] + rows).map { SafeText.width(of: $0[column]) }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - SafeText.width(of: row[column]))
                return column == priceColumn ? padding + row[column] : row[column] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }

    /// A request as kept: its first line, its headers, a blank line and its body as text, each
    /// line indented and made safe to print.
    public static func request(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8], bodyBytes: Int
    ) -> [String] {
        var lines = ["\(method) \(target)"] + headers.map { "\($0.name): \($0.value)" }
        if !body.isEmpty {
            lines.append("")
            lines += String(decoding: body, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        }
        if bodyBytes > body.count { lines.append("… \(bodyBytes - body.count) more bytes of body not kept") }
        return lines.map { "    " + SafeText.visible($0) }
    }
}

extension HistoryTable {
    /// What became of a request forwarded to the app, as a line under it: the outcome, the
    /// app's status or why none came, how long the latest attempt took, how many there were.
    public static func forward(_ outcome: ForwardOutcome) -> String {
        let answer = outcome.status.map { String($0) } ?? outcome.failure ?? "no answer"
        let attempts = outcome.attempts == 1 ? "1 attempt" : "\(outcome.attempts) attempts"
        return "    → app: " + SafeText.visible(
            "\(outcome.state.name) \(answer), \(ForwardJSON.millisecondsText(outcome.latencyMicroseconds)) ms, \(attempts),"
                + " last at \(outcome.attemptedAt.iso8601)")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
