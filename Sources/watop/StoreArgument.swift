import WatopHistory

/// `--store` with no path means the default one: the argument parser wants a value after an
/// option, so the default is put in before parsing.
enum StoreArgument {
    static func expanded(_ arguments: [String], defaultPath: String = HistoryLocation.defaultPath()) -> [String] {
        var expanded: [String] = []
        for (index, argument) in arguments.enumerated() {
            expanded.append(argument)
            guard argument == "--store" else { continue }
            let next: String? = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
            if next?.hasPrefix("-") ?? true { expanded.append(defaultPath) }
        }
        return expanded
    }
}
