import WatopHistory

/// `--store` with no path means the default one: the argument parser wants a value after an
/// option, so the default is put in before parsing. What follows `--store` is its path unless
/// it is another option or reads as a filter term (`status:failed`, `price>0`, `-code:131047`):
/// `watop history --store status:failed` searches the default database.
enum StoreArgument {
    static func expanded(_ arguments: [String], defaultPath: String = HistoryLocation.defaultPath()) -> [String] {
        var expanded: [String] = []
        for (index, argument) in arguments.enumerated() {
            expanded.append(argument)
            guard argument == "--store" else { continue }
            let next: String? = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
            if next.map({ $0.hasPrefix("-") || isFilterTerm($0) }) ?? true { expanded.append(defaultPath) }
        }
        return expanded
    }

    /// A field term (`name:value`, `price>=0.01`) rather than a path or a database URL.
    private static func isFilterTerm(_ argument: String) -> Bool {
        guard !HistoryLocation.isPostgres(argument), !argument.contains("/") else { return false }
        return argument.contains(":") || argument.contains("<") || argument.contains(">") || argument.contains("=")
    }
}
