/// Compiles the text of a filter into terms. The syntax is described by `EventFilter.syntax`.
/// `now` is the moment time terms count from (`since:15m`, a time without a date).
enum FilterParser {
    static func terms(of text: String, now: UnixTime) throws(FilterError) -> [FilterTerm] {
        try tokens(of: text).map { token throws(FilterError) in try term(token, typed: text[token.whole], now: now) }
    }

    /// `text` without its time terms (`since:`, `after:`, `before:`, negated or not), the
    /// other terms as typed; nil when it does not parse into terms.
    static func untimed(_ text: String) -> String? {
        guard let tokens = try? tokens(of: text) else { return nil }
        return tokens.filter { !isTimeTerm($0) }.map { text[$0.whole] }.joined(separator: " ")
    }

    /// Whether an alternative of the token names `since:`, `after:` or `before:`.
    private static func isTimeTerm(_ token: Token) -> Bool {
        guard !token.quoted else { return false }
        let timeFields: [FilterField] = [.since, .after, .before]
        for alternative in token.text.split(separator: "|") {
            if let name = splitFieldName(alternative)?.name, let field = FilterField(typed: name), timeFields.contains(field) {
                return true
            }
        }
        return false
    }

    /// A whitespace-separated word; double quotes group spaces and make the text literal.
    private struct Token {
        var text: Substring
        var negated: Bool
        var quoted: Bool
        /// The token as typed, with its `-` and quotes.
        var whole: Range<String.Index>
    }

    private static func tokens(of text: String) throws(FilterError) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace {
                index = text.index(after: index)
                continue
            }
            let first = index
            var negated = false
            if text[index] == "-" {
                negated = true
                index = text.index(after: index)
                guard index < text.endIndex, !text[index].isWhitespace else {
                    throw FilterError("\"-\" needs a term after it, as in -status:read")
                }
            }
            if text[index] == "\"" {
                let start = text.index(after: index)
                guard let close = text[start...].firstIndex(of: "\"") else {
                    throw FilterError("missing closing quote after \(text[index...])")
                }
                index = text.index(after: close)
                tokens.append(Token(text: text[start..<close], negated: negated, quoted: true, whole: first..<index))
            } else {
                let end = text[index...].firstIndex(where: \.isWhitespace) ?? text.endIndex
                tokens.append(Token(text: text[index..<end], negated: negated, quoted: false, whole: first..<end))
                index = end
            }
        }
        return tokens
    }

    private static func term(_ token: Token, typed: Substring, now: UnixTime) throws(FilterError) -> FilterTerm {
        if token.quoted {
            return FilterTerm(negated: token.negated, alternatives: [freeText(token.text)], typed: typed)
        }
        var conditions: [FilterCondition] = []
        // An alternative without a field of its own takes the field of the one before it,
        // so `status:failed|not-sent` reads as two statuses.
        var field: FilterField?
        for alternative in token.text.split(separator: "|", omittingEmptySubsequences: false) {
            guard !alternative.isEmpty else { throw FilterError("empty alternative in \"\(token.text)\"") }
            let (condition, named) = try condition(alternative, inheriting: field, now: now)
            conditions.append(condition)
            field = named
        }
        return FilterTerm(negated: token.negated, alternatives: conditions, typed: typed)
    }

    private static func condition(_ text: Substring, inheriting inherited: FilterField?, now: UnixTime) throws(FilterError)
        -> (FilterCondition, FilterField?)
    {
        guard let (name, rest) = splitFieldName(text) else {
            guard let inherited else { return (freeText(text), nil) }
            return (try fieldCondition(inherited, comparison: nil, value: text, now: now), inherited)
        }
        guard let field = FilterField(typed: name) else {
            throw FilterError(
                "unknown field \"\(name)\" (fields: \(FilterField.namesForHelp); put text in quotes to search for it)")
        }
        if rest.first == ":" {
            return (try fieldCondition(field, comparison: nil, value: rest.dropFirst(), now: now), field)
        }
        // `splitFieldName` only splits before `:`, `<`, `>` or `=`, so one of the operators matches.
        let comparison = PriceComparison.Operator.allCases.first { rest.hasPrefix($0.rawValue) }!
        guard field == .price || field == .age else {
            throw FilterError("\(name) cannot be compared with \(comparison.rawValue): only price and age can; use \(name):VALUE")
        }
        let value = rest.dropFirst(comparison.rawValue.count)
        return (try fieldCondition(field, comparison: comparison, value: value, now: now), field)
    }

    /// `name` and the text from its operator on, when `text` starts with a field name
    /// followed by `:`, `<`, `>` or `=`; nil for free text such as `12:30` or `a-b:c`.
    private static func splitFieldName(_ text: Substring) -> (name: Substring, rest: Substring)? {
        guard let first = text.first, first.isASCII, first.isLetter else { return nil }
        guard let end = text.firstIndex(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) }),
            ":<>=".contains(text[end])
        else { return nil }
        return (text[..<end], text[end...])
    }

    /// - Parameter comparison: the operator written after the field's name (`price>0`); nil
    ///   after a colon (`price:0`, `age:>30m`).
    private static func fieldCondition(
        _ field: FilterField, comparison: PriceComparison.Operator?, value: Substring, now: UnixTime
    ) throws(FilterError) -> FilterCondition
    {
        switch field {
        case .price:
            guard !value.isEmpty else { throw FilterError("price needs a number, as in price>0") }
            guard let amount = ReportedPrice(parsing: value) else { throw FilterError(priceProblem(value)) }
            return .price(PriceComparison(comparison: comparison ?? .equal, amount: amount))
        case .stuck:
            return .message(try MessageCondition.stuck(value))
        case .age:
            return .message(try MessageCondition.age(comparison, value))
        case .status:
            guard !value.isEmpty else { throw FilterError("status needs a value, as in status:failed") }
            if !value.contains("*") {
                let status = DeliveryStatus(parsing: String(value))
                if status.isDocumented { return .status(status) }
            }
            return .statusName(FilterPattern(wildcard: value), typed: value.contains("*") ? nil : String(value))
        case .fwd:
            guard let condition = ForwardCondition(typed: value) else {
                throw FilterError("fwd takes \(ForwardCondition.names.joined(separator: ", ")), not \"\(value)\"")
            }
            return .forward(condition)
        case .since:
            return .received(try TimeBound.since(value, now: now))
        case .after, .before:
            return .received(try TimeBound.at(field == .after ? .atOrAfter : .before, value, field: field.rawValue, now: now))
        case .country:
            guard !value.isEmpty else { throw FilterError("country needs a value, as in country:IN or country:+91") }
            return .country(try CountryCondition(typed: value))
        default:
            guard !value.isEmpty else { throw FilterError("\(field.rawValue) needs a value, as in \(field.rawValue):TEXT*") }
            if field == .category || field == .pricing, let bad = value.first(where: { !$0.isPricingWordCharacter }) {
                // Meta adds categories and types now and then, so any word is taken; only what
                // no such word holds is refused.
                let example = field == .category ? "category:marketing" : "pricing:regular"
                throw FilterError("\(field.rawValue) takes a word of letters, digits and _, as in \(example); \"\(bad)\" is none of them")
            }
            let pattern = FilterPattern(wildcard: value)
            if let known = field.closedValues, !known.contains(where: { pattern.matches($0) }) {
                throw FilterError(
                    "no \(field.rawValue) matches \"\(value)\" (\(field.rawValue)s: \(known.joined(separator: ", ")))")
            }
            let texts = field.textFields
            return texts == TextFieldSet() ? .field(field, pattern) : .texts(texts, pattern)
        }
    }

    /// Why `value` is no price, in the words of what a price is: callbacks report plain
    /// decimals of 0 or more, so a sign or an exponent can never match.
    private static func priceProblem(_ value: Substring) -> String {
        if let sign = value.first, sign == "-" || sign == "+" {
            return "price takes no sign: reported prices are plain decimals of 0 or more, as in price>0 or price<0.01"
        }
        return "price needs a plain decimal such as 0.01 (at most 9 decimals), not \"\(value)\""
    }

    private static func freeText(_ text: Substring) -> FilterCondition { .text(FreeText(text)) }
}

extension Character {
    /// Whether Meta's pricing words (`marketing_lite`, `free_entry_point`) or a wildcard hold it.
    fileprivate var isPricingWordCharacter: Bool { isASCII && (isLetter || isNumber || self == "_" || self == "*") }
}

extension DeliveryStatus {
    fileprivate var isDocumented: Bool {
        if case .other = self { return false }
        return true
    }
}
