/// All-time totals as JSON and back, for the journal's checkpoint: a start adds up the totals
/// of the journal's older segments from there instead of reading them again.
///
/// Prices are kept as nanos (integers), never as decimals, so a total read back is exact.
public enum AggregatesJSON {
    /// A checkpoint's totals that cannot be read back.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public static func object(for totals: Aggregates) -> String {
        var out = JSONObjectWriter()
        out.number("accepted", String(totals.accepted))
        out.raw("statuses", object(for: totals.statuses))
        var codes = JSONObjectWriter()
        for (code, tally) in totals.errorCodes.sorted(by: { $0.key < $1.key }) {
            var entry = JSONObjectWriter()
            entry.number("count", String(tally.count))
            entry.string("last_error", tally.lastErrorText)
            entry.number("last_seen_ms", tally.lastSeen.map { String($0.milliseconds) } ?? "null")
            entry.raw("statuses", object(for: tally.statuses))
            codes.raw(code, entry.finished())
        }
        out.raw("error_codes", codes.finished())
        var whatsappNumbers = JSONObjectWriter()
        for (number, tally) in totals.whatsappNumbers.sorted(by: { $0.key < $1.key }) {
            var entry = JSONObjectWriter()
            entry.raw("statuses", object(for: tally.statuses))
            entry.raw("price", object(for: tally.price))
            whatsappNumbers.raw(number, entry.finished())
        }
        out.raw("whatsapp_numbers", whatsappNumbers.finished())
        out.raw("price", object(for: totals.price))
        var byStatus = JSONObjectWriter()
        for (status, tally) in totals.priceByStatus.dictionary.sorted(by: { $0.key.name < $1.key.name }) {
            byStatus.raw(status.name, object(for: tally))
        }
        out.raw("price_by_status", byStatus.finished())
        out.raw("rejections", counts(totals.rejections.map { ($0.key.rawValue, $0.value) }))
        out.raw("formats", counts(CallbackFormat.allCases.map { ($0.rawValue, totals.accepted(in: $0)) }))
        out.raw("quirks", counts(totals.quirks.map { ($0.key.rawValue, $0.value) }))
        out.number("ignored_changes", String(totals.ignoredChanges))
        out.number("notices", String(totals.notices))
        out.number("first_received_ms", totals.firstReceived.map { String($0.milliseconds) } ?? "null")
        out.number("last_received_ms", totals.lastReceived.map { String($0.milliseconds) } ?? "null")
        return out.finished()
    }

    public static func totals(from value: JSONValue) throws(Unreadable) -> Aggregates {
        var errorCodes: [String: ErrorCodeTally] = [:]
        for (code, entry) in try members(value, "error_codes") {
            errorCodes[code] = ErrorCodeTally(
                count: try integer(entry, "count"), lastErrorText: entry["last_error"].flatMap(text),
                lastSeen: try time(entry, "last_seen_ms"), statuses: try statusCounts(entry, "statuses"))
        }
        var whatsappNumbers: [String: WhatsAppNumberTally] = [:]
        // Checkpoints of earlier versions hold the WhatsApp numbers under "senders".
        let numbersKey = value["whatsapp_numbers"] == nil ? "senders" : "whatsapp_numbers"
        for (number, entry) in try members(value, numbersKey) {
            whatsappNumbers[number] = WhatsAppNumberTally(statuses: try statusCounts(entry, "statuses"), price: try priceTally(entry["price"]))
        }
        var byStatus = StatusKeyed<PriceTally>()
        for (name, entry) in try members(value, "price_by_status") { byStatus[DeliveryStatus(parsing: name)] = try priceTally(entry) }
        return Aggregates(
            accepted: try integer(value, "accepted"), statuses: try statusCounts(value, "statuses"), errorCodes: errorCodes,
            whatsappNumbers: whatsappNumbers, price: try priceTally(value["price"]), priceByStatus: byStatus,
            rejections: try keyedCounts(value, "rejections", RejectionReason.init(rawValue:)),
            formatCounts: try keyedCounts(value, "formats", CallbackFormat.init(rawValue:)),
            quirks: try keyedCounts(value, "quirks", ParsingQuirk.init(rawValue:)),
            ignoredChanges: try integer(value, "ignored_changes"),
            // Absent from the checkpoints of earlier versions.
            notices: value["notices"] == nil ? 0 : try integer(value, "notices"),
            firstReceived: try time(value, "first_received_ms"), lastReceived: try time(value, "last_received_ms"))
    }

    private static func object(for counts: StatusCounts) -> String {
        Self.counts(counts.rows.filter { $0.count != 0 }.map { ($0.status.name, $0.count) })
    }

    private static func object(for tally: PriceTally) -> String {
        var out = JSONObjectWriter()
        out.number("nanos", String(tally.total.nanos))
        out.number("priced", String(tally.pricedEvents))
        return out.finished()
    }

    private static func counts(_ pairs: [(String, Int)]) -> String {
        JSONObjectWriter.counts(pairs.sorted { $0.0 < $1.0 }.map { (key: $0.0, count: $0.1) })
    }

    private static func members(_ value: JSONValue?, _ key: String) throws(Unreadable) -> [(key: String, value: JSONValue)] {
        guard case .object(let members)? = value?[key] else { throw Unreadable(description: "\(key) is not an object") }
        return members
    }

    private static func integer(_ value: JSONValue?, _ key: String) throws(Unreadable) -> Int {
        guard case .number(let literal)? = value?[key], let number = Int(literal) else {
            throw Unreadable(description: "\(key) is not an integer")
        }
        return number
    }

    private static func time(_ value: JSONValue, _ key: String) throws(Unreadable) -> UnixTime? {
        switch value[key] {
        case .null?, nil: return nil
        case .number(let literal)?:
            guard let millis = Int64(literal) else { break }
            return UnixTime(milliseconds: millis)
        default: break
        }
        throw Unreadable(description: "\(key) is not a time in milliseconds")
    }

    private static func text(_ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }

    private static func statusCounts(_ value: JSONValue, _ key: String) throws(Unreadable) -> StatusCounts {
        var counts = StatusCounts()
        for (name, count) in try members(value, key) {
            guard case .number(let literal) = count, let number = Int(literal) else {
                throw Unreadable(description: "the count of \(name) in \(key) is not an integer")
            }
            counts.add(DeliveryStatus(parsing: name), count: number)
        }
        return counts
    }

    private static func priceTally(_ value: JSONValue?) throws(Unreadable) -> PriceTally {
        guard case .number(let literal)? = value?["nanos"], let nanos = Int128(literal) else {
            throw Unreadable(description: "a price total is not an integer of nanos")
        }
        return PriceTally(total: ReportedPrice(nanos: nanos), pricedEvents: try integer(value, "priced"))
    }

    /// Counts keyed by a name this version knows; a name it does not (written by a newer
    /// version) makes the checkpoint unreadable rather than silently dropping its count.
    private static func keyedCounts<Key: Hashable>(
        _ value: JSONValue, _ key: String, _ make: (String) -> Key?
    ) throws(Unreadable) -> [Key: Int] {
        var out: [Key: Int] = [:]
        for (name, count) in try members(value, key) {
            guard let known = make(name), case .number(let literal) = count, let number = Int(literal) else {
                throw Unreadable(description: "\(key) holds \(name), which this version does not know")
            }
            out[known] = number
        }
        return out
    }
}
