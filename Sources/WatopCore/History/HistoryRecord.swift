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
        let price = event.price
        let priceParts = price.map { price in price.nanos.quotientAndRemainder(dividingBy: ReportedPrice.scale) }
        values = HistoryColumn.allCases.map { column in
            switch column {
            case .receivedMilliseconds: .integer(event.receivedAt.milliseconds)
            case .format: .text(event.format.rawValue)
            case .transport: .text(event.transport.rawValue)
            case .method: .text(event.method)
            case .status: .text(event.status.name)
            // The parser keeps at most eighteen integer digits: the units fit in 64 bits.
            case .price: HistoryValue(price?.formatted(minimumFractionDigits: 0))
            case .priceUnits: HistoryValue(priceParts.map { Int64(truncatingIfNeeded: $0.quotient) })
            case .priceNanos: HistoryValue(priceParts.map { Int64(truncatingIfNeeded: $0.remainder) })
            case .timestampMilliseconds: HistoryValue(event.timestamp?.milliseconds)
            case .billable: HistoryValue(event.billable.map { $0 ? 1 : 0 })
            case .recipientKind: .text(event.recipientKind.rawValue)
            case .errors: HistoryValue(Self.json(event.errors))
            default: HistoryValue(HistoryColumn.textField(of: column).flatMap { event.text(of: $0) })
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
    /// The event text field a column holds, nil for a column filled otherwise.
    static func textField(of column: HistoryColumn) -> TextField? {
        TextField.allCases.first { HistoryColumn($0) == column }
    }
}
