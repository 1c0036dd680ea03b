/// How many rows each table keyed by text a sender controls may hold: WhatsApp numbers, error
/// codes, the Breakdown's groups and statuses watop does not name. A provider, or anyone who
/// can reach the endpoint, can send a new value with every callback; past its bound a table
/// counts every further value in one row, `other`, so that its totals stay exact and its
/// memory stays bounded.
public struct TableBounds: Sendable, Equatable {
    /// The row the values past a bound share.
    public static let other = "other"
    /// Statuses watop does not name, per table of statuses: providers document a few dozen.
    public static let otherStatuses = 100
    public static let defaultWhatsAppNumbers = 1_000
    public static let defaultErrorCodes = 1_000

    /// WhatsApp numbers with a row of their own (`--max-numbers`).
    public var whatsappNumbers: Int
    /// Error codes with a row of their own.
    public var errorCodes: Int
    /// Values with a group of their own, per breakdown key (`--max-groups`).
    public var breakdownGroups: Int

    public init(
        whatsappNumbers: Int = defaultWhatsAppNumbers, errorCodes: Int = defaultErrorCodes,
        breakdownGroups: Int = Breakdown.defaultCap
    ) {
        self.whatsappNumbers = whatsappNumbers
        self.errorCodes = errorCodes
        self.breakdownGroups = breakdownGroups
    }
}

extension Dictionary where Key == String {
    /// The row `key` counts in: its own while it has one or there is room for it among `limit`
    /// rows, else `other`.
    func boundedKey(_ key: String, limit: Int) -> String {
        index(forKey: key) != nil || count < limit ? key : TableBounds.other
    }

    /// Changes the row `key` counts in (as `boundedKey` finds it), made from `initial` if new:
    /// a row that exists is found with one look-up, as nearly every event's does.
    mutating func update(bounded key: String, limit: Int, from initial: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        if let index = index(forKey: key) {
            change(&values[index])
        } else {
            change(&self[count < limit ? key : TableBounds.other, default: initial()])
        }
    }
}
