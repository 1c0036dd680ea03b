/// One accepted status callback: every field of Kaleyra's outgoing-message callback,
/// plus when and how it arrived and the raw request for the inspector.
///
/// Absent fields (empty, or an unreplaced `<placeholder>`) are nil.
public struct CallbackEvent: Sendable {
    /// Position in the stream of accepted events, from 1; assigned by the store.
    public var sequence: UInt64 = 0
    /// When watop accepted it (watop's clock, not the provider's).
    public var receivedAt: UnixTime
    public var transport: CallbackTransport

    /// The API message ID (`<uuid>:<n>`), the key of a message's lifecycle.
    public var id: String
    public var status: DeliveryStatus
    public var message: String?
    /// The recipient as `mobile`; `phoneNumber` carries the same in every known sample.
    public var mobile: String?
    public var phoneNumber: String?
    /// The sending business number (E.164 digits).
    public var whatsappNumber: String?
    public var error: String?
    public var errorCode: String?
    public var price: ReportedPrice?
    /// The provider's time of the event.
    public var timestamp: UnixTime?
    public var customResponse: String?
    public var ref: String?
    public var ref1: String?
    public var ref2: String?

    public var raw: RawRequest

    public init(
        receivedAt: UnixTime, transport: CallbackTransport, id: String, status: DeliveryStatus,
        message: String? = nil, mobile: String? = nil, phoneNumber: String? = nil,
        whatsappNumber: String? = nil, error: String? = nil, errorCode: String? = nil,
        price: ReportedPrice? = nil, timestamp: UnixTime? = nil, customResponse: String? = nil,
        ref: String? = nil, ref1: String? = nil, ref2: String? = nil, raw: RawRequest
    ) {
        self.receivedAt = receivedAt
        self.transport = transport
        self.id = id
        self.status = status
        self.message = message
        self.mobile = mobile
        self.phoneNumber = phoneNumber
        self.whatsappNumber = whatsappNumber
        self.error = error
        self.errorCode = errorCode
        self.price = price
        self.timestamp = timestamp
        self.customResponse = customResponse
        self.ref = ref
        self.ref1 = ref1
        self.ref2 = ref2
        self.raw = raw
    }

    /// The recipient, whichever of the two recipient fields is present.
    public var recipient: String? { mobile ?? phoneNumber }

    /// The provider's time when known, else the time watop received it.
    public var eventTime: UnixTime { timestamp ?? receivedAt }
}

/// How a callback's fields were carried.
public enum CallbackTransport: String, Sendable, CaseIterable {
    /// Query parameters (a GET profile, or any method with an empty body).
    case query
    /// A JSON object in the body (a POST or PUT profile).
    case json
    /// `application/x-www-form-urlencoded` pairs in the body.
    case form
}

/// The request a callback came in, kept verbatim for the inspector. The listener bounds the
/// body by its `--max-body` limit before it gets here.
/// A class so that the many copies of an event made by snapshots share one allocation.
public final class RawRequest: Sendable {
    public let method: String
    /// Path and query exactly as sent.
    public let target: String
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, compared case-insensitively as HTTP requires.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The query string: everything after the first `?` of the target, or empty.
    public var query: Substring {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return target[target.index(after: mark)...]
    }
}
