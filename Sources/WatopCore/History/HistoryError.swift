/// A history database that cannot be used, in words for the person who asked for it.
public struct HistoryError: Error, CustomStringConvertible {
    public let description: String
    /// Whether waiting can't help (a database of a newer watop): the start stops, where a
    /// database that is only unreachable is tried again.
    public let isPermanent: Bool

    public init(_ description: String, isPermanent: Bool = false) {
        self.description = description
        self.isPermanent = isPermanent
    }
}
