/// A parsed JSON document. Numbers keep their literal text so that a price such as `0.01`
/// never passes through binary floating point; objects keep key order and duplicate keys.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The last value under `key` (the documented rule for duplicate keys: the last wins).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// A string, number or boolean as text, with empty text and `<placeholders>` as nil, as
    /// for a v1 field; nil for anything else.
    var fieldText: String? {
        switch self {
        case .string(let text), .number(let text): CallbackFields.presentValue(text)
        case .bool(let flag): flag ? "true" : "false"
        case .object, .array, .null: nil
        }
    }

    /// The elements, when this is an array.
    var elements: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// A word for error messages: "an object", "an array", "a string" …
    public var kindDescription: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }
}
