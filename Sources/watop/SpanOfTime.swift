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

    var defaultValueDescription: String {
        seconds % 86400 == 0 ? "\(seconds / 86400)d" : seconds % 3600 == 0 ? "\(seconds / 3600)h"
            : seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
    }
}
