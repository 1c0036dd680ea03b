/// Events as CSV (RFC 4180): a header row, then one row per event with the receiver that took
/// it and every column of the history's `events` table, so that a spreadsheet gets all a
/// stored event holds. Lines end in CRLF, and a value with a comma, a quote or a line break is
/// quoted, its quotes doubled.
public enum EventCSV {
    public static let header = row(["received_at", "receiver"] + HistoryColumn.allCases.map(\.rawValue))

    public static func row(for event: borrowing CallbackEvent, receiver: String) -> String {
        let values = HistoryRecord(event).values.map { value -> String in
            switch value {
            case .null: ""
            case .integer(let number): String(number)
            case .text(let text): text
            }
        }
        return row([event.receivedAt.iso8601, receiver] + values)
    }

    private static func row(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    private static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return field }
        var quoted = "\""
        // By scalar: a quote followed by a combining mark is one Character, yet a quote all the same.
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
