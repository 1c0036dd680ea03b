/// A history database that cannot be used, in words for the person who asked for it.
public struct HistoryError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
