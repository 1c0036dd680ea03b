import ArgumentParser
import WatopCore

/// An option's span of time, written `90s`, `10m`, `2h` or `7d`.
struct SpanOfTime: ExpressibleByArgument {
    var seconds: Int64

    init(seconds: Int64) { self.seconds = seconds }

    init?(argument: String) {
        guard let seconds = DurationText.seconds(argument) else { return nil }
        self.seconds = seconds
    }

    var defaultValueDescription: String { DurationText.text(seconds: seconds) }
}
