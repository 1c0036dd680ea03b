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
    /// The HTTP method of the request the event came in.
    case method
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
    }

    /// Bytes of each `TextField` (one slot per case), in order; 0 is an absent field.
    var lengths: InlineArray<14, UInt16>
    var timestampMilliseconds: Int64 = 0
    /// `ReportedPrice.nanos` in two words: an `Int128` would align the header to 16 bytes.
    var priceHigh: Int64 = 0
    var priceLow: UInt64 = 0
    var format: CallbackFormat
    var transport: CallbackTransport
    var flags: Flags = []

    /// Where a field's bytes start in the block, and how many there are.
    func span(of field: TextField) -> (start: Int, count: Int) {
        let field = field == .phoneNumber && flags.contains(.phoneNumberIsMobile) ? .mobile : field
        var start = 0
        for index in 0..<field.rawValue { start += Int(lengths[index]) }
        return (start, Int(lengths[field.rawValue]))
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

    /// Lends each field's text (nil for absent) to the visitor it is given.
    typealias TextVisitor = (TextField, borrowing String?) -> Void

    /// Copies the texts `forEachText` lends (each field once, in `TextField` order) into a new
    /// block. It is called twice, to measure and then to copy; lending rather than returning
    /// the Strings spares a retain and release of each, which the parser pays per callback.
    init(_ header: EventFieldsHeader, forEachText: (TextVisitor) -> Void) {
        var header = header
        var total = 0
        var mobile: String?
        forEachText { field, text in
            guard let text = copy text else { return }
            let count = Self.keptCount(text)
            if field == .mobile { mobile = text }
            if field == .phoneNumber, text == mobile {
                header.flags.insert(.phoneNumberIsMobile)
                return
            }
            header.lengths[field.rawValue] = UInt16(count)
            total += count
        }
        block = unsafeDowncast(Block.create(minimumCapacity: total) { _ in header }, to: Block.self)
        block.withUnsafeMutablePointers { header, bytes in
            forEachText { field, text in
                guard header.pointee.lengths[field.rawValue] > 0, var text = copy text else { return }
                let (start, count) = header.pointee.span(of: field)
                text.withUTF8 { source in (bytes + start).initialize(from: source.baseAddress!, count: count) }
            }
        }
    }

    /// The UTF-8 length kept of `text`: all of it, or up to `maximumFieldBytes` ending on a
    /// character boundary.
    private static func keptCount(_ text: String) -> Int {
        let utf8 = text.utf8
        guard utf8.count > maximumFieldBytes else { return utf8.count }
        var end = utf8.index(utf8.startIndex, offsetBy: maximumFieldBytes)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return utf8.distance(from: utf8.startIndex, to: end)
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

    /// A field as a String, nil when absent.
    func text(_ field: TextField) -> String? {
        withBytes(of: field) { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
    }
}
