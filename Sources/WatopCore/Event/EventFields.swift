/// The text fields of an event, each stored as UTF-8 in `EventFields`' one block of bytes.
///
/// The fields a filter word searches come first, so that they lie side by side in the block.
enum TextField: Int, CaseIterable {
    case id
    case message
    case mobile
    case phoneNumber
    case whatsappNumber
    case error
    case errorCode
    case ref
    case ref1
    case ref2
    /// The status as sent, kept only for a status without a name (`DeliveryStatus.other`).
    case statusText
    case customResponse
    case pricingCategory
    /// Meta's `pricing.pricing_model` (`PMP`, `CBP`).
    case pricingModel
    /// Meta's `pricing.type` (`regular`, `free_customer_service`, `free_entry_point`).
    case pricingType
    /// Every entry of the provider's `errors[]`, packed (`ProviderError.packed`).
    case errors
    /// The HTTP method of the request the event came in.
    case method

    /// The fields a filter word searches (`EventFields.anySearchedField`), side by side.
    static let searchedByWords = (id.rawValue...ref2.rawValue).map { TextField(rawValue: $0)! }
}

/// A set of `TextField`s in one word, for tests that look at several fields of every event.
struct TextFieldSet: Sendable, Equatable {
    private var bits: UInt16 = 0

    mutating func insert(_ field: TextField) { bits |= 1 << field.rawValue }

    func contains(_ field: TextField) -> Bool { bits & (1 << field.rawValue) != 0 }

    /// Whether `test` holds for any field of the set, tried in `TextField` order.
    func contains(where test: (TextField) -> Bool) -> Bool {
        var rest = bits
        while rest != 0 {
            let index = rest.trailingZeroBitCount
            if test(TextField(rawValue: index)!) { return true }
            rest &= rest - 1
        }
        return false
    }
}

/// What an event stores besides its text: the lengths that cut the text into fields, and the
/// fields that are numbers or choices.
struct EventFieldsHeader {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let hasTimestamp = Flags(rawValue: 1 << 0)
        static let hasPrice = Flags(rawValue: 1 << 1)
        static let billableKnown = Flags(rawValue: 1 << 2)
        static let billable = Flags(rawValue: 1 << 3)
        /// `phone_number` repeats `mobile` (every known sample does): stored once.
        static let phoneNumberIsMobile = Flags(rawValue: 1 << 4)
        /// The recipient is a business-scoped user id, not a phone number.
        static let recipientIsUserID = Flags(rawValue: 1 << 5)
        /// The recipient is a group.
        static let recipientIsGroup = Flags(rawValue: 1 << 6)
    }

    // (In this order, the three one-byte fields fill the room the lengths leave before the
    // first eight-byte one.)
    /// Bytes of each `TextField` (one slot per case), in order; 0 is an absent field.
    var lengths: InlineArray<17, UInt16>
    var format: CallbackFormat
    var transport: CallbackTransport
    var flags: Flags = []
    var timestampMilliseconds: Int64 = 0
    /// `ReportedPrice.nanos` in two words: an `Int128` would align the header to 16 bytes.
    var priceHigh: Int64 = 0
    var priceLow: UInt64 = 0

    /// The field whose bytes hold `field`'s text: the mobile's for a phone number stored as it.
    func storedField(_ field: TextField) -> TextField {
        field == .phoneNumber && flags.contains(.phoneNumberIsMobile) ? .mobile : field
    }

    /// Where a field's bytes start in the block, and how many there are.
    func span(of field: TextField) -> (start: Int, count: Int) {
        let index = storedField(field).rawValue
        // Fields are read for every event recorded, filtered and drawn: the lengths before the
        // field are summed four at a time, as the 16-bit lanes of a word (little-endian: lane k
        // is bits 16k ..< 16k + 16), rather than one by one.
        return withUnsafeBytes(of: lengths) { raw in
            var start: UInt64 = 0
            var lanesLeft = index
            var offset = 0
            while lanesLeft > 0 {
                var word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if lanesLeft < 4 { word &= (1 &<< (UInt64(lanesLeft) &* 16)) &- 1 }
                let pairs = (word & 0x0000_FFFF_0000_FFFF) &+ ((word &>> 16) & 0x0000_FFFF_0000_FFFF)
                start &+= (pairs & 0xFFFF_FFFF) &+ (pairs &>> 32)
                lanesLeft -= 4
                offset += 8
            }
            return (Int(start), Int(lengths[index]))
        }
    }
}

/// One event's fields in a single heap block: a header of numbers, then the text of every
/// field back to back.
///
/// Written by hand because a million buffered events must cost a few hundred bytes each: a
/// class of optional Strings costs 16 bytes per field before any text, and a separate heap
/// allocation for every value longer than 15 bytes (an id, a message, an error). Here an event
/// is one allocation of about 80 bytes plus its text.
///
/// Sendable by hand: the block is never written after `init` returns (the standard library
/// marks `ManagedBuffer` unavailable for Sendable because it cannot know that).
struct EventFields: @unchecked Sendable {
    private final class Block: ManagedBuffer<EventFieldsHeader, UInt8> {}

    private let block: Block

    /// The most bytes a field keeps. Longer values (only ever seen in hostile requests) are cut
    /// at a character boundary; the raw request keeps them whole while it is held.
    static let maximumFieldBytes = Int(UInt16.max)

    /// Lends each field's UTF-8 (empty for absent) to the visitor it is given.
    typealias TextVisitor = (TextField, UnsafeBufferPointer<UInt8>) -> Void

    /// Copies the texts `forEachText` lends (each field at most once) into a new block. It is
    /// called twice, to measure and then to copy, so that the texts are lent in place rather
    /// than gathered first. A phone number is not stored when the header marks it as the mobile.
    init(_ header: EventFieldsHeader, forEachText: (TextVisitor) -> Void) {
        var header = header
        let phoneNumberIsMobile = header.flags.contains(.phoneNumberIsMobile)
        var total = 0
        forEachText { field, text in
            if field == .phoneNumber, phoneNumberIsMobile { return }
            let count = Self.keptCount(text)
            header.lengths[field.rawValue] = UInt16(count)
            total += count
        }
        block = unsafeDowncast(Block.create(minimumCapacity: total) { _ in header }, to: Block.self)
        block.withUnsafeMutablePointers { header, bytes in
            forEachText { field, text in
                guard header.pointee.lengths[field.rawValue] > 0, !(field == .phoneNumber && phoneNumberIsMobile) else { return }
                let (start, count) = header.pointee.span(of: field)
                (bytes + start).initialize(from: text.baseAddress!, count: count)
            }
        }
    }

    /// The UTF-8 length kept of `text`: all of it, or up to `maximumFieldBytes` ending on a
    /// character boundary.
    private static func keptCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard text.count > maximumFieldBytes else { return text.count }
        var end = maximumFieldBytes
        while end > 0, UTF8.isContinuation(text[end]) { end -= 1 }
        return end
    }

    var header: EventFieldsHeader { block.header }

    /// Lends a field's bytes (empty when absent) to `body`, in place.
    func withBytes<Result>(of field: TextField, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try block.withUnsafeMutablePointers { header, bytes in
            let (start, count) = header.pointee.span(of: field)
            return try body(UnsafeBufferPointer(start: bytes + start, count: count))
        }
    }

    /// Whether `test` holds for any non-empty field a filter word searches (`id` … `ref2`),
    /// each lent in place, in one visit to the block.
    func anySearchedField(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        block.withUnsafeMutablePointers { header, bytes in
            var start = 0
            for index in TextField.id.rawValue...TextField.ref2.rawValue {
                let count = Int(header.pointee.lengths[index])
                if count > 0, test(UnsafeBufferPointer(start: bytes + start, count: count)) { return true }
                start += count
            }
            return false
        }
    }

    /// Lends every field's bytes at once, for writing them all: the block is visited once and
    /// each field found without summing the lengths before it again.
    func withTexts<Result>(_ body: (EventTexts) -> Result) -> Result {
        block.withUnsafeMutablePointers { header, bytes in body(EventTexts(header.pointee, bytes: bytes)) }
    }

    /// A field as a String, nil when absent.
    func text(_ field: TextField) -> String? {
        withBytes(of: field) { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
    }
}

/// Every text field of one event, read in place; valid only inside `EventFields.withTexts`.
///
/// Kept small (offsets of four bytes, no copy of the header): a line of JSON reads every field
/// through it, and each read may copy it.
struct EventTexts {
    private let bytes: UnsafePointer<UInt8>
    private var starts: InlineArray<18, UInt32> = InlineArray(repeating: 0)
    private let phoneNumberIsMobile: Bool

    fileprivate init(_ header: EventFieldsHeader, bytes: UnsafeMutablePointer<UInt8>) {
        self.bytes = UnsafePointer(bytes)
        phoneNumberIsMobile = header.storedField(.phoneNumber) == .mobile
        for index in 0..<TextField.allCases.count { starts[index + 1] = starts[index] + UInt32(header.lengths[index]) }
    }

    @inline(__always)
    subscript(field: TextField) -> UnsafeBufferPointer<UInt8> {
        let stored = field == .phoneNumber && phoneNumberIsMobile ? TextField.mobile : field
        let start = Int(starts[stored.rawValue])
        return UnsafeBufferPointer(start: bytes + start, count: Int(starts[stored.rawValue + 1]) - start)
    }

    /// The bytes of all fields as read, a phone number stored as the mobile counted again.
    var readCount: Int { Int(starts[TextField.allCases.count]) + (phoneNumberIsMobile ? self[.mobile].count : 0) }
}
