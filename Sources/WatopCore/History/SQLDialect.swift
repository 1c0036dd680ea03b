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

extension SQLDialect {
    /// A condition that always holds, and one that never does.
    var alwaysTrue: String { self == .sqlite ? "1" : "TRUE" }
    var alwaysFalse: String { self == .sqlite ? "0" : "FALSE" }

    /// `value LIKE pattern` with `\` as the escape, letters compared ignoring ASCII case only, as
    /// `FilterPattern` compares them.
    func like(_ value: String, _ pattern: String) -> String {
        switch self {
        // SQLite's LIKE folds ASCII letters alone, unless the ICU extension is loaded (watop
        // never loads it).
        case .sqlite: "\(value) LIKE \(pattern) ESCAPE '\\'"
        // PostgreSQL's LIKE folds nothing, and its lower() folds by the database's locale.
        case .postgres:
            "translate(\(value), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE \(pattern) ESCAPE '\\'"
        }
    }

    /// Whether a text holds ASCII digits alone (true for an empty text).
    func isDigits(_ value: String) -> String {
        switch self {
        case .sqlite: "\(value) NOT GLOB '*[^0-9]*'"
        case .postgres: "\(value) !~ '[^0-9]'"
        }
    }

    /// Where `needle` first begins in `value`, from 1; 0 when it is not there.
    func position(of needle: String, in value: String) -> String {
        switch self {
        case .sqlite: "instr(\(value), \(needle))"
        case .postgres: "strpos(\(value), \(needle))"
        }
    }
}
