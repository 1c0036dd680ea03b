/// What the Breakdown panel groups messages by: a campaign reference, Meta's pricing, the
/// recipient's country, the error code or the provider.
public enum BreakdownKey: Int, CaseIterable, Sendable {
    case ref
    case ref1
    case ref2
    case category
    case pricing
    case country
    case errorCode
    case provider

    /// The key's name in the panel's title.
    public var title: String {
        switch self {
        case .ref: "ref"
        case .ref1: "ref1"
        case .ref2: "ref2"
        case .category: "pricing category"
        case .pricing: "pricing type"
        case .country: "country"
        case .errorCode: "error code"
        case .provider: "provider"
        }
    }

    /// The key after this one, back to the first after the last.
    public var next: BreakdownKey { BreakdownKey(rawValue: rawValue + 1) ?? .ref }

    /// The text field that holds the key's value; nil for the country and the provider, which
    /// come from the recipient's number and the payload's format.
    var field: TextField? {
        switch self {
        case .ref: .ref
        case .ref1: .ref1
        case .ref2: .ref2
        case .category: .pricingCategory
        case .pricing: .pricingType
        case .errorCode: .errorCode
        case .country, .provider: nil
        }
    }

    /// The filter term that admits a group's events; nil for the messages that name no group of
    /// a key whose term has no "any value" form (a country).
    ///
    /// The group's text came from a callback: characters the filter reads as syntax (spaces,
    /// `|`, quotes) become `*`, so the term still admits the group, and may admit a few more.
    public func filterTerm(forGroup group: String?) -> String? {
        let field: String
        switch self {
        // `ref:` searches all three references: a group of ref1 is found by its value there.
        case .ref, .ref1, .ref2: field = "ref"
        case .category: field = "category"
        case .pricing: field = "pricing"
        case .country: field = "country"
        case .errorCode: field = "code"
        case .provider: field = "provider"
        }
        guard let group else { return self == .country ? nil : "-\(field):*" }
        // A country's group is `+91 IN`: its calling code is the term.
        let value = self == .country ? String(group.prefix { $0 != " " }) : group
        let safe = String(value.map { $0.isWhitespace || $0 == "|" || $0 == "\"" ? "*" : $0 })
        return "\(field):\(safe)"
    }
}
