/// One accepted status callback: every field of Kaleyra's outgoing-message callback,
/// plus when and how it arrived and the raw request for the inspector.
///
/// Absent fields (empty, or an unreplaced `<placeholder>`) are nil. The fields live in one
/// shared, immutable object, so copying an event (into a snapshot, a filter's walk, the
/// headless outbox) costs one reference count instead of one per string.
public struct CallbackEvent: Sendable {
    /// Position in the stream of accepted events, from 1; assigned by the store.
    public var sequence: UInt64 = 0
    /// When watop accepted it (watop's clock, not the provider's).
    public let receivedAt: UnixTime
    /// The status when it is a named one, kept beside the reference: filters and tallies read
    /// the status of every held event, and reaching into `fields` for it would cost a cache
    /// miss per event over a million scattered objects.
    private let namedStatus: DeliveryStatus.Named?
    private let fields: CallbackEventFields

    /// The API message ID (`<uuid>:<n>`), the key of a message's lifecycle.
    public var id: String { fields.id }
    public var status: DeliveryStatus { namedStatus?.status ?? fields.status }
    /// The status as a `StatusCode`, read without touching `fields`.
    var statusCode: StatusCode { StatusCode(namedStatus) }
    public var message: String? { fields.message }
    /// The recipient as `mobile`; `phoneNumber` carries the same in every known sample.
    public var mobile: String? { fields.mobile }
    public var phoneNumber: String? { fields.phoneNumber }
    /// The sending business number (E.164 digits).
    public var whatsappNumber: String? { fields.whatsappNumber }
    public var error: String? { fields.error }
    public var errorCode: String? { fields.errorCode }
    public var price: ReportedPrice? { fields.price }
    /// The provider's time of the event.
    public var timestamp: UnixTime? { fields.timestamp }
    public var customResponse: String? { fields.customResponse }
    public var ref: String? { fields.ref }
    public var ref1: String? { fields.ref1 }
    public var ref2: String? { fields.ref2 }
    public var raw: RawRequest { fields.raw }

    /// The provider's payload shape it came in.
    public var format: CallbackFormat { fields.format }
    public var transport: CallbackTransport { fields.transport }
    /// Meta's pricing category (`marketing`, `utility`, `service` …), when the payload has one.
    public var pricingCategory: String? { fields.pricingCategory }
    /// Whether Meta counts the conversation as billable, when the payload says.
    public var billable: Bool? { fields.billable }

    public init(
        receivedAt: UnixTime, format: CallbackFormat = .kaleyraV1, transport: CallbackTransport, id: String,
        status: DeliveryStatus, message: String? = nil, mobile: String? = nil, phoneNumber: String? = nil,
        whatsappNumber: String? = nil, error: String? = nil, errorCode: String? = nil,
        price: ReportedPrice? = nil, timestamp: UnixTime? = nil, customResponse: String? = nil,
        ref: String? = nil, ref1: String? = nil, ref2: String? = nil, pricingCategory: String? = nil,
        billable: Bool? = nil, raw: RawRequest
    ) {
        self.receivedAt = receivedAt
        namedStatus = DeliveryStatus.Named(status)
        fields = CallbackEventFields(
            format: format, transport: transport, id: id, status: status, message: message, mobile: mobile,
            phoneNumber: phoneNumber, whatsappNumber: whatsappNumber, error: error, errorCode: errorCode,
            price: price, timestamp: timestamp, customResponse: customResponse, ref: ref, ref1: ref1, ref2: ref2,
            pricingCategory: pricingCategory, billable: billable, raw: raw)
    }

    /// Whether `test` holds for the UTF-8 of any of the free-text fields a filter word searches
    /// (id, message, the three numbers, error, error code, the refs). The bytes are lent in
    /// place: copying each String out would retain and release its storage, field by field,
    /// event by event, when a word is searched over a million events.
    func anyTextField(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        fields.anyTextField(test)
    }

    /// The recipient, whichever of the two recipient fields is present.
    public var recipient: String? { mobile ?? phoneNumber }

    /// The provider's time when known, else the time watop received it.
    public var eventTime: UnixTime { timestamp ?? receivedAt }
}

/// The fields of one callback, shared by every copy of its event.
private final class CallbackEventFields: Sendable {
    let format: CallbackFormat
    let transport: CallbackTransport
    let id: String
    let status: DeliveryStatus
    let message: String?
    let mobile: String?
    let phoneNumber: String?
    let whatsappNumber: String?
    let error: String?
    let errorCode: String?
    let price: ReportedPrice?
    let timestamp: UnixTime?
    let customResponse: String?
    let ref: String?
    let ref1: String?
    let ref2: String?
    let pricingCategory: String?
    let billable: Bool?
    let raw: RawRequest

    func anyTextField(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        Self.lend(id, test) || Self.lend(message, test) || Self.lend(mobile, test) || Self.lend(phoneNumber, test)
            || Self.lend(whatsappNumber, test) || Self.lend(error, test) || Self.lend(errorCode, test)
            || Self.lend(ref, test) || Self.lend(ref1, test) || Self.lend(ref2, test)
    }

    private static func lend(_ text: String?, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        text?.withUTF8Bytes(test) ?? false
    }

    init(
        format: CallbackFormat, transport: CallbackTransport, id: String, status: DeliveryStatus, message: String?, mobile: String?,
        phoneNumber: String?, whatsappNumber: String?, error: String?, errorCode: String?, price: ReportedPrice?,
        timestamp: UnixTime?, customResponse: String?, ref: String?, ref1: String?, ref2: String?,
        pricingCategory: String?, billable: Bool?, raw: RawRequest
    ) {
        self.format = format
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
        self.pricingCategory = pricingCategory
        self.billable = billable
        self.raw = raw
    }
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
        headers.first { Self.sameIgnoringASCIICase($0.name, name) }?.value
    }

    private static func sameIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count
            && zip(a.utf8, b.utf8).allSatisfy { $0 == $1 || ($0 | 0x20 == $1 | 0x20 && ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
    }

    /// The query string: everything after the first `?` of the target, or empty.
    public var query: Substring {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return target[target.index(after: mark)...]
    }
}
