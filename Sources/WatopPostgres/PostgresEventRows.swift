import PostgresNIO
import WatopCore
import WatopHistory

/// Reading the `events` table's rows: the columns to select, and a row back into its event.
/// The fleet's reader and the history's searches select the same columns after a few of their own.
enum PostgresEventRows {
    static let eventColumns = HistoryColumn.allCases.map(\.rawValue).joined(separator: ", ")

    /// The event whose columns start at `offset` in `cells`.
    static func event(in cells: PostgresRandomAccessRow, from offset: Int) throws -> CallbackEvent {
        var values: [HistoryValue] = []
        values.reserveCapacity(HistoryColumn.allCases.count)
        for (index, column) in HistoryColumn.allCases.enumerated() {
            let cell = cells[offset + index]
            switch column.kind {
            case .integer: values.append(try cell.decode(Int64?.self).map(HistoryValue.integer) ?? .null)
            case .text: values.append(try cell.decode(String?.self).map(HistoryValue.text) ?? .null)
            }
        }
        return try HistoryRecord(values: values).event()
    }

    /// Parameters of a statement, in order.
    static func bindings(_ values: [HistoryValue]) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            }
        }
        return bindings
    }
}
