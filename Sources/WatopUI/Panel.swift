/// The dashboard's panels; Tab visits those on screen as the screen reads.
public enum Panel: String, CaseIterable, Sendable {
    case events
    case statuses
    case errorCodes
    case prices
    case whatsappNumbers
    case rates

    public var title: String {
        switch self {
        case .events: "Events"
        case .statuses: "Statuses"
        case .errorCodes: "Error codes"
        case .prices: "Prices (reported)"
        case .whatsappNumbers: "WhatsApp numbers"
        case .rates: "Rates"
        }
    }

    /// The orders `s` cycles through, the first being the default; empty when fixed.
    public var sortOrders: [SortOrder] {
        switch self {
        case .statuses: [.lifecycle, .count]
        case .errorCodes: [.count, .code, .recent]
        case .whatsappNumbers: [.count, .number, .failed, .price]
        case .events, .prices, .rates: []
        }
    }
}

/// How a table's rows are ordered.
public enum SortOrder: String, Sendable {
    /// queued, sent, delivered, read, failed, undelivered, not-sent, then others.
    case lifecycle
    /// Most events first.
    case count
    /// By error code.
    case code
    /// Most recently seen first.
    case recent
    /// By WhatsApp number.
    case number
    /// Most failures first.
    case failed
    /// Highest reported price first.
    case price

    var label: String {
        switch self {
        case .lifecycle: "by lifecycle"
        case .count: "by count"
        case .code: "by code"
        case .recent: "by last seen"
        case .number: "by number"
        case .failed: "by failures"
        case .price: "by price"
        }
    }
}
