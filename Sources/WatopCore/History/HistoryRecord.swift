/// An event as a row of the history: a value for every `HistoryColumn`, in that order, and
/// back. What the event holds survives the trip exactly (the price to the nano-unit, every
/// error entry, an unnamed status's text); what it does not hold (its place in the ring, its
/// link in the lifecycle) is the store's to set again.
public struct HistoryRecord: Sendable, Equatable {
    /// One value per `HistoryColumn.allCases`, in order.
    public let values: [HistoryValue]

    public init(values: [HistoryValue]) throws(HistoryRecordError) {
        guard values.count == HistoryColumn.allCases.count else {
            throw HistoryRecordError("a history row has \(values.count) values, not \(HistoryColumn.allCases.count)")
        }
        self.values = values
    }

    public init(_ event: borrowing CallbackEvent) {
        var values: [HistoryValue] = []
        values.reserveCapacity(HistoryColumn.allCases.count)
        Self.lendCells(of: event) { cell in
            switch cell {
            case .null: values.append(.null)
            case .integer(let number): values.append(.integer(number))
            case .text(let bytes): values.append(.text(String(decoding: bytes, as: UTF8.self)))
            }
        }
        self.values = values
    }

    /// A column's value as lent by `lendCells`: text as the event's own bytes, valid only
    /// during the call.
    public enum Cell {
        case null
        case integer(Int64)
        case text(UnsafeBufferPointer<UInt8>)
    }

    /// Lends the value of every column of `event`, in `HistoryColumn.allCases` order, with
    /// text in place: the history's writer binds them straight into its statement, without a
    /// String made of each field of every event.
    public static func lendCells(of event: borrowing CallbackEvent, _ body: (Cell) -> Void) {
        func text(_ value: String?) {
            guard var value else { return body(.null) }
            value.withUTF8 { body(.text($0)) }
        }
        func number(_ value: Int64?) { body(value.map(Cell.integer) ?? .null) }
        let price = event.price
        let priceParts = price?.historyParts
        for (column, field) in HistoryColumn.inOrderWithTextFields {
            switch column {
            case .receivedMilliseconds: body(.integer(event.receivedAt.milliseconds))
            case .format: text(event.format.rawValue)
            case .transport: text(event.transport.rawValue)
            case .method: event.withBytes(of: .method) { body(.text($0)) }
            case .status: text(event.status.name)
            case .price: text(price?.formatted(minimumFractionDigits: 0))
            case .priceUnits: number(priceParts?.units)
            case .priceNanos: number(priceParts?.nanos)
            case .timestampMilliseconds: number(event.timestamp?.milliseconds)
            case .billable: number(event.billable.map { $0 ? 1 : 0 })
            case .recipientKind: text(event.recipientKind.rawValue)
            case .errors: text(Self.json(event.errors))
            default:
                if let field {
                    event.withBytes(of: field) { bytes in body(bytes.isEmpty ? .null : .text(bytes)) }
                } else {
                    body(.null)
                }
            }
        }
    }

    public subscript(column: HistoryColumn) -> HistoryValue {
        values[HistoryColumn.allCases.firstIndex(of: column)!]
    }

    /// The event the row holds.
    public func event() throws(HistoryRecordError) -> CallbackEvent {
        func text(_ column: HistoryColumn) -> String? { self[column].text }
        guard let received = self[.receivedMilliseconds].integer, let formatName = text(.format),
            let format = CallbackFormat(rawValue: formatName), let transportName = text(.transport),
            let transport = CallbackTransport(rawValue: transportName), let id = text(.id), let status = text(.status)
        else { throw HistoryRecordError("a history row lacks its time, format, transport, id or status") }
        var price: ReportedPrice?
        if let units = self[.priceUnits].integer, let nanos = self[.priceNanos].integer {
            price = ReportedPrice(nanos: Int128(units) * ReportedPrice.scale + Int128(nanos))
        }
        return CallbackEvent(
            receivedAt: UnixTime(milliseconds: received), format: format, transport: transport, method: text(.method) ?? "",
            id: id, status: DeliveryStatus(parsing: status), message: text(.message), mobile: text(.mobile),
            phoneNumber: text(.phoneNumber), whatsappNumber: text(.whatsappNumber), error: text(.error),
            errorCode: text(.errorCode), price: price, timestamp: self[.timestampMilliseconds].integer.map { UnixTime(milliseconds: $0) },
            customResponse: text(.customResponse), ref: text(.ref), ref1: text(.ref1), ref2: text(.ref2),
            pricingCategory: text(.pricingCategory), billable: self[.billable].integer.map { $0 != 0 },
            pricingModel: text(.pricingModel), pricingType: text(.pricingType),
            recipientKind: text(.recipientKind).flatMap(RecipientKind.init) ?? .phoneNumber,
            errors: try Self.errors(fromJSON: text(.errors)))
    }

    private static let errorKeys = ["code", "title", "message", "details"]

    private static func json(_ errors: [ProviderError]) -> String? {
        guard !errors.isEmpty else { return nil }
        let entries = errors.map { error in
            var entry = JSONObjectWriter()
            for (key, value) in zip(errorKeys, [error.code, error.title, error.message, error.details]) {
                entry.string(key, value)
            }
            return entry.finished()
        }
        return "[" + entries.joined(separator: ",") + "]"
    }

    private static func errors(fromJSON text: String?) throws(HistoryRecordError) -> [ProviderError] {
        guard let text else { return [] }
        guard let document = try? JSONParser.parse(Array(text.utf8)), case .array(let entries) = document else {
            throw HistoryRecordError("a history row's errors are not a JSON array")
        }
        return entries.map { entry in
            func part(_ key: String) -> String? {
                if case .string(let value)? = entry[key] { return value }
                return nil
            }
            return ProviderError(code: part("code"), title: part("title"), message: part("message"), details: part("details"))
        }
    }
}

/// A history row that does not hold an event.
public struct HistoryRecordError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension HistoryColumn {
    /// Every column in order, with the event text field it holds (nil for a column filled
    /// otherwise): found once, not for every column of every event written.
    static let inOrderWithTextFields: [(column: HistoryColumn, field: TextField?)] = allCases.map { column in
        (column, TextField.allCases.first { HistoryColumn($0) == column })
    }
}
