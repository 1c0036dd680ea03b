/// The SQL databases the history is kept in: their statements differ in a few words.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The type of a column of this kind.
    func type(of kind: HistoryColumn.Kind) -> String {
        switch (self, kind) {
        case (_, .text): "TEXT"
        case (.sqlite, .integer): "INTEGER"
        case (.postgres, .integer): "BIGINT"
        }
    }

    /// The placeholder of the `index`th parameter of a statement, from 1.
    public func placeholder(_ index: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(index)"
        }
    }
}
