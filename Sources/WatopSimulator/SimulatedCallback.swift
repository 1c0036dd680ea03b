import WatopCore

/// One callback as Kaleyra would send it, ready to render as a GET query or a POST JSON body.
public struct SimulatedCallback: Sendable, Equatable {
    /// Fields in the order of the spec's templates; nil renders as Kaleyra renders an empty value.
    public var fields: [(field: CallbackField, value: String?)]
    public var usesPOST: Bool
    /// Render absent values as the literal placeholder (`<ref1>`), as some templates arrive.
    public var leavesPlaceholders: Bool

    public func value(of field: CallbackField) -> String? {
        fields.first { $0.field == field }?.value ?? nil
    }

    /// The spec's GET query template, values percent-encoded.
    public func query() -> String {
        fields.map { "\($0.field.rawValue)=\(Self.percentEncoded(rendered($0)))" }.joined(separator: "&")
    }

    /// The spec's POST template: a flat JSON object whose every value is a string.
    public func jsonBody() -> String {
        var writer = JSONObjectWriter()
        for entry in fields { writer.string(entry.field.rawValue, rendered(entry)) }
        return writer.finished()
    }

    private func rendered(_ entry: (field: CallbackField, value: String?)) -> String {
        entry.value ?? (leavesPlaceholders ? "<\(entry.field.rawValue)>" : "")
    }

    /// Everything but unreserved characters is escaped (RFC 3986).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }

    public static func == (lhs: SimulatedCallback, rhs: SimulatedCallback) -> Bool {
        lhs.usesPOST == rhs.usesPOST && lhs.leavesPlaceholders == rhs.leavesPlaceholders
            && lhs.fields.map(\.field) == rhs.fields.map(\.field) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}
