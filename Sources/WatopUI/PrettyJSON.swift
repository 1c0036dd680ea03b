import WatopCore

/// A JSON document laid out over indented lines, values as they were sent (numbers keep
/// their literal text; strings are re-escaped).
enum PrettyJSON {
    static func lines(_ value: JSONValue) -> [String] {
        var out: [String] = []
        append(value, prefix: "", indent: "", suffix: "", to: &out)
        return out
    }

    private static func append(_ value: JSONValue, prefix: String, indent: String, suffix: String, to out: inout [String]) {
        switch value {
        case .object(let members) where !members.isEmpty:
            out.append(indent + prefix + "{")
            for (index, member) in members.enumerated() {
                append(
                    member.value, prefix: JSONObjectWriter.quoted(member.key) + ": ", indent: indent + "  ",
                    suffix: index < members.count - 1 ? "," : "", to: &out)
            }
            out.append(indent + "}" + suffix)
        case .array(let elements) where !elements.isEmpty:
            out.append(indent + prefix + "[")
            for (index, element) in elements.enumerated() {
                append(element, prefix: "", indent: indent + "  ", suffix: index < elements.count - 1 ? "," : "", to: &out)
            }
            out.append(indent + "]" + suffix)
        default:
            out.append(indent + prefix + scalar(value) + suffix)
        }
    }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .object: "{}"
        case .array: "[]"
        case .string(let text): JSONObjectWriter.quoted(text)
        case .number(let literal): literal
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }
}
