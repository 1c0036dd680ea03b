import ArgumentParser

/// A rate as the options take it: `200` or `200/s`, zero or more. Each option says what range
/// it accepts.
struct PerSecond: ExpressibleByArgument {
    let value: Double

    init?(argument: String) {
        let number = argument.hasSuffix("/s") ? argument.dropLast(2) : Substring(argument)
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        self.value = value
    }
}
