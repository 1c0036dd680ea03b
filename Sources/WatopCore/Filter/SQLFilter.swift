/// A filter as a condition on the history's `events` table (`watop history`): the text of a
/// WHERE clause and the values of its placeholders, keeping exactly the events
/// `EventFilter.matches` keeps.
///
/// Every condition it writes is true or false, never NULL: SQL's NULL is neither, so
/// `NOT (mobile LIKE '91%')` would drop an event without a recipient, which `-to:91*` admits
/// (an absent field never matches a pattern). A term it cannot translate exactly is refused
/// with an error naming it, never answered approximately.
public struct SQLFilter: Sendable {
    public let dialect: SQLDialect
    /// Conditions that must all hold.
    public private(set) var clauses: [String] = []
    /// The values of the placeholders, in order.
    public private(set) var parameters: [HistoryValue] = []
    /// Whether a term searches free text: no index serves it, so every row in range is read.
    public private(set) var searchesText = false

    /// A condition that admits every event, for clauses to be added to.
    public init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    public init(_ filter: EventFilter, dialect: SQLDialect) throws(FilterError) {
        self.init(dialect: dialect)
        for term in filter.terms { clauses.append(try clause(term)) }
    }

    /// The WHERE clause, without the word.
    public var whereClause: String {
        clauses.isEmpty ? dialect.alwaysTrue : clauses.map { "(\($0))" }.joined(separator: " AND ")
    }

    /// Adds a condition of the caller's own: `clause` is given the placeholder of `value`.
    public mutating func require(_ value: HistoryValue, _ clause: (_ placeholder: String) -> String) {
        clauses.append(clause(bind(value)))
    }

    /// Adds a condition of the caller's own on several values: `clause` is given their
    /// placeholders, in the same order.
    public mutating func require(_ values: [HistoryValue], _ clause: (_ placeholders: [String]) -> String) {
        clauses.append(clause(values.map { bind($0) }))
    }

    /// The placeholder of a new parameter holding `value`.
    private mutating func bind(_ value: HistoryValue) -> String {
        parameters.append(value)
        return dialect.placeholder(parameters.count)
    }

    private mutating func clause(_ term: FilterTerm) throws(FilterError) -> String {
        var alternatives: [String] = []
        if term.alternatives.count > 1, term.testsOnlyStatus {
            // One IN, which the index on the status serves as a single range of rows.
            let names = term.alternatives.compactMap { condition -> String? in
                if case .status(let status) = condition { return status.name }
                return nil
            }
            alternatives = ["status IN (" + names.map { bind(.text($0)) }.joined(separator: ", ") + ")"]
        } else {
            for condition in term.alternatives { alternatives.append(try clause(condition, in: term)) }
        }
        let any = alternatives.count == 1 ? alternatives[0] : alternatives.map { "(\($0))" }.joined(separator: " OR ")
        return term.negated ? "NOT (\(any))" : any
    }

    private mutating func clause(_ condition: FilterCondition, in term: FilterTerm) throws(FilterError) -> String {
        switch condition {
        case .status(let status):
            return "status = \(bind(.text(status.name)))"
        case .statusName(let pattern, _):
            return like(.status, pattern)
        case .field(let field, let pattern):
            let formats = CallbackFormat.allCases.filter { format in
                switch field {
                case .provider: pattern.matches(format.provider)
                case .format: pattern.matches(format.rawValue)
                default: false
                }
            }
            return oneOf(.format, formats.map(\.rawValue))
        case .texts(let fields, let pattern):
            let columns = try TextField.allCases.filter(fields.contains).map { field throws(FilterError) in
                guard let column = HistoryColumn(field) else {
                    throw FilterError("\(term.typed): the history has no column for \(field), so it cannot search it")
                }
                return column
            }
            return anyOf(columns.map { present($0, matching: pattern) })
        case .price(let comparison):
            let amount = comparison.amount.historyParts
            let pair = "(\(bind(.integer(amount.units))), \(bind(.integer(amount.nanos))))"
            return "price_units IS NOT NULL AND (price_units, price_nanos) \(comparison.comparison.rawValue) \(pair)"
        case .text(let words):
            searchesText = true
            return freeText(words)
        case .forward(let condition):
            return forward(condition)
        case .country(let country):
            return self.country(country)
        case .received(let bound):
            let moment = bind(.integer(bound.moment.milliseconds))
            return "received_ms \(bound.side == .atOrAfter ? ">=" : "<") \(moment)"
        case .message:
            throw FilterError(
                "\(term.typed): stuck: and age: need the live message table, which the history does not keep, so they cannot be searched there")
        }
    }

    /// What the app made of the event's request, as `ForwardCondition.matches` reads the
    /// latest attempt: the `forwards` row of the request, or none.
    private mutating func forward(_ condition: ForwardCondition) -> String {
        let states: [ForwardState]
        switch condition {
        case .notForwarded:
            return "NOT EXISTS (\(Self.forwardOfEvent))"
        case .statusClass(let hundreds):
            return "EXISTS (\(Self.forwardOfEvent) AND coalesce(f.status, 0) / 100 = \(bind(.integer(Int64(hundreds)))))"
        case .delivered: states = [.delivered]
        case .notTaken: states = [.refused, .failed, .deadLettered]
        case .pending: states = [.queued, .inFlight]
        case .deadLettered: states = [.deadLettered]
        }
        let names = states.map { bind(.text($0.name)) }.joined(separator: ", ")
        return "EXISTS (\(Self.forwardOfEvent) AND f.state IN (\(names)))"
    }

    private static let forwardOfEvent = "SELECT 1 FROM forwards f WHERE f.receiver = events.receiver AND f.position = events.position"

    /// A word anywhere in the event: what `FreeText.matches` reads, column by column.
    private mutating func freeText(_ words: FreeText) -> String {
        let pattern = words.pattern
        var parts = [like(.status, pattern)]
        let formats = CallbackFormat.allCases.filter { pattern.matches($0.provider) }
        if !formats.isEmpty { parts.append(oneOf(.format, formats.map(\.rawValue))) }
        for field in TextField.searchedByWords {
            // Every searched field has a column of its own.
            parts.append(present(HistoryColumn(field)!, matching: pattern))
        }
        if words.searchesPrice {
            // Free text reads the price with at least two decimals (`0.50`); the column keeps
            // it without trailing zeros (`0.5`).
            let dot = dialect.position(of: "'.'", in: "price")
            let shown = "CASE WHEN \(dot) = 0 THEN price || '.00' WHEN length(price) - \(dot) = 1 THEN price || '0' ELSE price END"
            parts.append("price IS NOT NULL AND " + dialect.like(shown, bind(.text(pattern.likePattern))))
        }
        return anyOf(parts)
    }

    /// The recipient's calling code, as `CallingCode(recipientOf:)` finds it: the mobile's when
    /// it is a number, else the phone number's, and only for a recipient that is a phone number.
    private mutating func country(_ country: CountryCondition) -> String {
        // A code no number can begin with (`+911`, whose first two digits are a code) matches
        // no event, as in memory; the others are prefixes no other code begins.
        let codes = country.codes.filter { code in
            Array(("\(code.value)0000000").utf8).withUnsafeBufferPointer { CallingCode(number: $0) } == code
        }
        guard !codes.isEmpty else { return dialect.alwaysFalse }
        let phone = bind(.text(RecipientKind.phoneNumber.rawValue))
        let mobile = number(in: .mobile, codes: codes)
        let phoneNumber = number(in: .phoneNumber, codes: codes)
        return "recipient_kind = \(phone) AND ((\(mobile.valid) AND \(mobile.inCodes)) "
            + "OR (NOT (\(mobile.valid)) AND \(phoneNumber.valid) AND \(phoneNumber.inCodes)))"
    }

    /// Whether a column holds a number as `CallingCode(number:)` reads one (E.164 digits, a
    /// leading `+` allowed), and whether it begins with one of `codes`.
    private mutating func number(in column: HistoryColumn, codes: [CallingCode]) -> (valid: String, inCodes: String) {
        let name = column.rawValue
        let digits = "(CASE WHEN substr(\(name), 1, 1) = '+' THEN substr(\(name), 2) ELSE \(name) END)"
        let valid = "\(name) IS NOT NULL AND length(\(digits)) BETWEEN 7 AND 15 AND \(dialect.isDigits(digits)) "
            + "AND substr(\(digits), 1, 1) <> '0'"
        let prefixes = codes.map { code in
            let text = String(code.value)
            return "substr(\(digits), 1, \(text.count)) = \(bind(.text(text)))"
        }
        return (valid, "(" + prefixes.joined(separator: " OR ") + ")")
    }

    /// A column that holds text matching `pattern`: an absent or empty field never does.
    private mutating func present(_ column: HistoryColumn, matching pattern: FilterPattern) -> String {
        "\(column.rawValue) IS NOT NULL AND \(column.rawValue) <> '' AND \(like(column, pattern))"
    }

    /// For a column that is never NULL.
    private mutating func like(_ column: HistoryColumn, _ pattern: FilterPattern) -> String {
        dialect.like(column.rawValue, bind(.text(pattern.likePattern)))
    }

    /// For a column that is never NULL.
    private mutating func oneOf(_ column: HistoryColumn, _ values: [String]) -> String {
        guard !values.isEmpty else { return dialect.alwaysFalse }
        return "\(column.rawValue) IN (" + values.map { bind(.text($0)) }.joined(separator: ", ") + ")"
    }

    private func anyOf(_ parts: [String]) -> String {
        parts.isEmpty ? dialect.alwaysFalse : parts.map { "(\($0))" }.joined(separator: " OR ")
    }
}
