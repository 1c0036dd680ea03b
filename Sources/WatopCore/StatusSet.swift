/// A status in one byte: a named status's index, or one code for every other status.
struct StatusCode: Hashable, Sendable {
    let rawValue: UInt8

    static let other = StatusCode(rawValue: UInt8(DeliveryStatus.Named.allCases.count))
    static let all = (0...other.rawValue).map(StatusCode.init(rawValue:))

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ named: DeliveryStatus.Named?) { rawValue = named?.rawValue ?? Self.other.rawValue }

    init(_ status: DeliveryStatus) { self.init(DeliveryStatus.Named(status)) }
}

/// The statuses a filter can admit, decided once from its status-only terms, so that a walk over
/// a million events can pass over most of them by their status byte alone.
struct StatusSet: Sendable {
    private var admitted: UInt16 = 0

    init(where admits: (StatusCode) -> Bool) {
        for code in StatusCode.all where admits(code) { admitted |= 1 << code.rawValue }
    }

    func contains(_ code: StatusCode) -> Bool { admitted & (1 << code.rawValue) != 0 }

    var isEverything: Bool { StatusCode.all.allSatisfy(contains) }
}
