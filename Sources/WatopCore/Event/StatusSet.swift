/// A status in one byte: a named status's index, or one code for every other status.
struct StatusCode: Hashable, Sendable {
    let rawValue: UInt8

    static let other = StatusCode(rawValue: UInt8(DeliveryStatus.Named.allCases.count))
    static let all = (0...other.rawValue).map(StatusCode.init(rawValue:))

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ named: DeliveryStatus.Named?) { rawValue = named?.rawValue ?? Self.other.rawValue }

    init(_ status: DeliveryStatus) { self.init(DeliveryStatus.Named(status)) }

    /// The status this code stands for; every unnamed status reads as an empty `.other`, which
    /// ranks and ends a lifecycle as any unnamed status does.
    var status: DeliveryStatus { named?.status ?? .other("") }

    /// The named status this code stands for, nil for `other`.
    var named: DeliveryStatus.Named? { DeliveryStatus.Named(rawValue: rawValue) }
}

/// The statuses a filter can admit, decided once from its status-only terms, so that a walk over
/// a million events can pass over most of them by their status byte alone.
///
/// Two bytes: the fifteen named statuses and `other`. Events carry one too (the statuses their
/// message has had), so it must stay this small.
struct StatusSet: Sendable, Equatable {
    private var admitted: UInt16 = 0

    init() {}

    init(where admits: (StatusCode) -> Bool) {
        for code in StatusCode.all where admits(code) { insert(code) }
    }

    func contains(_ code: StatusCode) -> Bool { admitted & (1 << code.rawValue) != 0 }

    mutating func insert(_ code: StatusCode) { admitted |= 1 << code.rawValue }

    var isEverything: Bool { StatusCode.all.allSatisfy(contains) }
}
