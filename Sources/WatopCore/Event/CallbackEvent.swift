/// One accepted status callback: every field of Kaleyra's outgoing-message callback,
/// plus when and how it arrived.
///
/// Absent fields (empty, or an unreplaced `<placeholder>`) are nil. The fields live in one
/// shared, immutable block (`EventFields`), so copying an event (into a snapshot, a filter's
/// walk, the headless outbox) costs one reference count. The event itself is 32 bytes: the
/// ring holds a million of them. The request it came in is kept apart, for the newest events
/// only (`EventStore.request(of:)`).
public struct CallbackEvent: Sendable {
    /// Position in the stream of accepted events, from 1; assigned by the store.
    public var sequence: UInt64 = 0
    /// When watop accepted it (watop's clock, not the provider's).
    public let receivedAt: UnixTime
    private let fields: EventFields
    /// Where the event stands in its message's lifecycle; set by the store.
    var link = LifecycleLink()
    /// The status when it is a named one, kept beside the reference: filters and tallies read
    /// the status of every held event, and reaching into `fields` for it would cost a cache
    /// miss per event over a million scattered blocks.
    private let namedStatus: DeliveryStatus.Named?

    /// The API message ID (`<uuid>:<n>`), the key of a message's lifecycle.
    public var id: String { fields.text(.id) ?? "" }
    public var status: DeliveryStatus { namedStatus?.status ?? .other(fields.text(.statusText) ?? "") }
    /// The status as a `StatusCode`, read without touching `fields`.
    var statusCode: StatusCode { StatusCode(namedStatus) }
    /// The status's class, read without touching `fields`.
    var statusClass: StatusClass { namedStatus?.statusClass ?? .pending }
    public var message: String? { fields.text(.message) }
    /// The recipient as `mobile`; `phoneNumber` carries the same in every known sample.
    public var mobile: String? { fields.text(.mobile) }
    public var phoneNumber: String? { fields.text(.phoneNumber) }
    /// The sending business number (E.164 digits).
    public var whatsappNumber: String? { fields.text(.whatsappNumber) }
    public var error: String? { fields.text(.error) }
    public var errorCode: String? { fields.text(.errorCode) }
    public var price: ReportedPrice? {
        let header = fields.header
        guard header.flags.contains(.hasPrice) else { return nil }
        return ReportedPrice(nanos: Int128(header.priceHigh) << 64 | Int128(header.priceLow))
    }
    /// The provider's time of the event.
    public var timestamp: UnixTime? {
        let header = fields.header
        return header.flags.contains(.hasTimestamp) ? UnixTime(milliseconds: header.timestampMilliseconds) : nil
    }
    public var customResponse: String? { fields.text(.customResponse) }
    public var ref: String? { fields.text(.ref) }
    public var ref1: String? { fields.text(.ref1) }
    public var ref2: String? { fields.text(.ref2) }
    /// A callback field's value as text: the field's own, the status's name, the price as an
    /// exact decimal, the time in ISO-8601; nil when absent.
    public func value(of field: CallbackField) -> String? {
        switch field.entry.value {
        case .text(let text): fields.text(text)
        case .status: status.name
        case .price: price?.formatted(minimumFractionDigits: 0)
        case .time: timestamp?.iso8601
        }
    }
    /// The HTTP method of the request it came in.
    public var method: String { fields.text(.method) ?? "" }

    /// The provider's payload shape it came in.
    public var format: CallbackFormat { fields.header.format }
    public var transport: CallbackTransport { fields.header.transport }
    /// Meta's pricing category (`marketing`, `utility`, `service` …), when the payload has one.
    public var pricingCategory: String? { fields.text(.pricingCategory) }
    /// Whether Meta counts the conversation as billable, when the payload says (deprecated by
    /// Meta since its per-message pricing; `pricingType` says what is charged).
    public var billable: Bool? {
        let flags = fields.header.flags
        return flags.contains(.billableKnown) ? flags.contains(.billable) : nil
    }
    /// Meta's pricing model (`PMP` per message, `CBP` per conversation), when given.
    public var pricingModel: String? { fields.text(.pricingModel) }
    /// Meta's pricing type (`regular`, `free_customer_service`, `free_entry_point`), when given.
    public var pricingType: String? { fields.text(.pricingType) }
    /// Whether the provider charges this message: Meta's pricing type `regular`.
    public var isCharged: Bool { withBytes(of: .pricingType) { asciiEqual($0, "regular", ignoringCase: true) } }
    /// What the recipient field holds.
    public var recipientKind: RecipientKind {
        let flags = fields.header.flags
        return flags.contains(.recipientIsUserID) ? .userID : flags.contains(.recipientIsGroup) ? .group : .phoneNumber
    }
    /// Every entry of the provider's `errors[]`, in order; the first is also `errorCode` and `error`.
    public var errors: [ProviderError] { ProviderError.unpacked(fields.text(.errors)) }

    public init(
        receivedAt: UnixTime, format: CallbackFormat = .kaleyraV1, transport: CallbackTransport, method: String = "GET",
        id: String, status: DeliveryStatus, message: String? = nil, mobile: String? = nil, phoneNumber: String? = nil,
        whatsappNumber: String? = nil, error: String? = nil, errorCode: String? = nil,
        price: ReportedPrice? = nil, timestamp: UnixTime? = nil, customResponse: String? = nil,
        ref: String? = nil, ref1: String? = nil, ref2: String? = nil, pricingCategory: String? = nil,
        billable: Bool? = nil, pricingModel: String? = nil, pricingType: String? = nil,
        recipientKind: RecipientKind = .phoneNumber, errors: [ProviderError] = []
    ) {
        let texts = GivenTexts(
            values: [
                (.id, id), (.message, message), (.mobile, mobile), (.phoneNumber, phoneNumber),
                (.whatsappNumber, whatsappNumber), (.error, error), (.errorCode, errorCode), (.ref, ref), (.ref1, ref1),
                (.ref2, ref2), (.customResponse, customResponse), (.pricingCategory, pricingCategory),
                (.pricingModel, pricingModel), (.pricingType, pricingType), (.errors, ProviderError.packed(errors)),
            ])
        self.init(
            receivedAt: receivedAt, format: format, transport: transport, method: method, status: status, price: price,
            timestamp: timestamp, billable: billable, recipientKind: recipientKind,
            // Compared as bytes: the phone number is then read back from the mobile's, and two
            // Strings can be equal (canonically equivalent) with different bytes.
            phoneNumberIsMobile: phoneNumber.map { phone in mobile.map { phone.utf8.elementsEqual($0.utf8) } ?? false } ?? false,
            texts: texts)
    }

    /// An event whose text fields `texts` lends, as bytes, all but the two this init lends
    /// itself: an unnamed status's text and the method. The parser lends the values it decoded
    /// in place, so that no String is made of them.
    init(
        receivedAt: UnixTime, format: CallbackFormat, transport: CallbackTransport, method: String,
        status: DeliveryStatus, price: ReportedPrice?, timestamp: UnixTime?, billable: Bool?,
        recipientKind: RecipientKind = .phoneNumber, phoneNumberIsMobile: Bool, texts: some EventTextSource
    ) {
        self.receivedAt = receivedAt
        namedStatus = DeliveryStatus.Named(status)
        var header = EventFieldsHeader(lengths: InlineArray(repeating: 0), format: format, transport: transport)
        if let timestamp {
            header.timestampMilliseconds = timestamp.milliseconds
            header.flags.insert(.hasTimestamp)
        }
        if let price {
            header.priceHigh = Int64(truncatingIfNeeded: price.nanos >> 64)
            header.priceLow = UInt64(truncatingIfNeeded: price.nanos)
            header.flags.insert(.hasPrice)
        }
        if let billable { header.flags.formUnion(billable ? [.billableKnown, .billable] : .billableKnown) }
        if phoneNumberIsMobile { header.flags.insert(.phoneNumberIsMobile) }
        switch recipientKind {
        case .phoneNumber: break
        case .userID: header.flags.insert(.recipientIsUserID)
        case .group: header.flags.insert(.recipientIsGroup)
        }
        fields = EventFields(header) { lend in
            texts.lendTexts(lend)
            if case .other(let text) = status { text.withUTF8Bytes { lend(.statusText, $0) } }
            method.withUTF8Bytes { lend(.method, $0) }
        }
    }

    /// Lends a field's UTF-8 (empty when absent) to `body` in place: filters test a million
    /// events, and making a String of each field would allocate for every one.
    func withBytes<Result>(of field: TextField, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try fields.withBytes(of: field, body)
    }

    /// A text field's value; nil when absent.
    func text(of field: TextField) -> String? { fields.text(field) }

    /// Lends every text field's UTF-8 at once, in place (for writing a whole event).
    func withTexts<Result>(_ body: (EventTexts) -> Result) -> Result {
        fields.withTexts(body)
    }

    /// Whether `test` holds for the UTF-8 of any field a filter word searches: id, message,
    /// the three numbers, error, error code, the refs.
    func anyTextField(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        fields.anySearchedField(test)
    }

    /// Whether two events belong to the same message (the same id).
    func hasSameID(as other: borrowing CallbackEvent) -> Bool {
        withBytes(of: .id) { mine in other.withBytes(of: .id) { theirs in mine.elementsEqual(theirs) } }
    }

    /// The recipient, whichever of the two recipient fields is present.
    public var recipient: String? { mobile ?? phoneNumber }

    /// The provider's time when known, else the time watop received it.
    public var eventTime: UnixTime { timestamp ?? receivedAt }
}

/// What an event's recipient is: a phone number, or what Meta names instead of one.
public enum RecipientKind: String, Sendable {
    case phoneNumber = "phone"
    /// A business-scoped user id (`recipient_user_id`, `parent_recipient_user_id`): the user
    /// has a username and the message was sent to it, not to a number.
    case userID = "user_id"
    /// A WhatsApp group (`recipient_type: group`); the recipient is the group's id.
    case group
}

/// Where an event's text fields come from, lent as UTF-8 (see `EventFields.init`).
protocol EventTextSource {
    func lendTexts(_ visit: EventFields.TextVisitor)
}

/// Text fields given as Strings. (An array, not an `InlineArray` literal of the Strings: with
/// Swift 6.3 at -Onone such a literal over-released an element and crashed the parser.)
private struct GivenTexts: EventTextSource {
    let values: [(TextField, String?)]

    func lendTexts(_ visit: EventFields.TextVisitor) {
        for (field, text) in values { text?.withUTF8Bytes { visit(field, $0) } }
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

