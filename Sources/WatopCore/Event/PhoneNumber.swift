/// Business and customer numbers as the v1 callback writes them: E.164 digits without `+`.
enum PhoneNumber {
    /// Drops Twilio's `whatsapp:` channel prefix and a leading `+`.
    static func normalized(_ text: String) -> String {
        var rest = Substring(text)
        if rest.prefix(9).lowercased() == "whatsapp:" { rest = rest.dropFirst(9) }
        if rest.first == "+" { rest = rest.dropFirst() }
        return String(rest)
    }
}
