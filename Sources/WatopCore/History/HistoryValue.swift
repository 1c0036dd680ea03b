/// A value of a history column, as any SQL database stores it.
public enum HistoryValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var integer: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }
}
