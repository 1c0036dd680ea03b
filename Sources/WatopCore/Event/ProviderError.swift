/// One entry of a provider's `errors[]` (Meta: `code`, `title`, `message`,
/// `error_data.details`). A failed status may carry several; every one is kept.
public struct ProviderError: Sendable, Equatable {
    public var code: String?
    public var title: String?
    public var message: String?
    public var details: String?

    public init(code: String? = nil, title: String? = nil, message: String? = nil, details: String? = nil) {
        self.code = code
        self.title = title
        self.message = message
        self.details = details
    }

    /// Meta's title with its details when they add something (`title: details`), the text an
    /// event's `error` field shows for the first entry.
    public var summary: String? {
        let title = title ?? message
        guard let details, details != title else { return title }
        return title.map { "\($0): \(details)" } ?? details
    }

    // The entries are kept in one text field of the event: its four parts apart by a unit
    // separator, entries by a record separator. Both are control characters no provider
    // sends in an error's text; any that comes is read as a space.
    private static let unitSeparator: Character = "\u{1F}"
    private static let recordSeparator: Character = "\u{1E}"
    static let unitByte: UInt8 = 0x1F
    static let recordByte: UInt8 = 0x1E

    /// The entries as one text, for the event's `errors` field; nil for none.
    static func packed(_ errors: [ProviderError]) -> String? {
        guard !errors.isEmpty else { return nil }
        func clean(_ part: String?) -> String {
            guard let part else { return "" }
            return String(part.map { $0 == unitSeparator || $0 == recordSeparator ? " " : $0 })
        }
        return errors.map { error in
            [error.code, error.title, error.message, error.details].map(clean).joined(separator: String(unitSeparator))
        }.joined(separator: String(recordSeparator))
    }

    /// The entries of a text made by `packed`.
    static func unpacked(_ text: String?) -> [ProviderError] {
        guard let text else { return [] }
        return text.split(separator: recordSeparator, omittingEmptySubsequences: false).map { entry in
            let parts = entry.split(separator: unitSeparator, omittingEmptySubsequences: false).map {
                $0.isEmpty ? nil : String($0)
            }
            func part(_ index: Int) -> String? { index < parts.count ? parts[index] : nil }
            return ProviderError(code: part(0), title: part(1), message: part(2), details: part(3))
        }
    }
}
