/// The changes of a Meta webhook that speak of the account rather than of one message, as
/// notices. Shapes from Meta's webhook references (developers.facebook.com/documentation/
/// business-messaging/whatsapp/webhooks/reference/): `message_template_status_update`,
/// `phone_number_quality_update`, `account_alerts`, and the errors of a `messages` change.
enum MetaNoticeMapping {
    /// The notice a change of `field` makes; nil for a field watop does not read.
    static func notice(field: String, value: JSONValue, format: CallbackFormat, receivedAt: UnixTime) -> Notice? {
        func text(_ path: String...) -> String? {
            var node: JSONValue? = value
            for key in path { node = node?[key] }
            return node?.fieldText
        }
        let made: (kind: Notice.Kind, subject: String, text: String)
        switch field {
        case "message_template_status_update":
            let name = text("message_template_name") ?? text("message_template_id") ?? "a template"
            let subject = text("message_template_language").map { "\(name) (\($0))" } ?? name
            // Meta writes `NONE` when there is no reason.
            let reason = text("reason").flatMap { $0.uppercased() == "NONE" ? nil : $0 }
            let detail = [reason, text("other_info", "title"), text("other_info", "description")].compactMap { $0 }
            made = (.template, subject, ([text("event") ?? "updated"] + detail).joined(separator: ": "))
        case "phone_number_quality_update":
            let limit = text("max_daily_conversations_per_business") ?? text("current_limit")
            var said = text("event") ?? "updated"
            if let limit { said += ", limit \(limit)" }
            if let old = text("old_limit") { said += " (was \(old))" }
            made = (.quality, text("display_phone_number").map(PhoneNumber.normalized) ?? "a number", said)
        case "account_alerts":
            let subject = [text("entity_type"), text("entity_id")].compactMap { $0 }.joined(separator: " ")
            let head = [text("alert_info", "alert_severity"), text("alert_info", "alert_type")].compactMap { $0 }
            let said = ([head.joined(separator: " ")] + [text("alert_info", "alert_description")].compactMap { $0 })
                .filter { !$0.isEmpty }.joined(separator: ": ")
            made = (.alert, subject.isEmpty ? "the account" : subject, said.isEmpty ? "alert" : said)
        default:
            return nil
        }
        return Notice(receivedAt: receivedAt, format: format, kind: made.kind, subject: made.subject, text: made.text)
    }

    /// The errors of a `messages` change that come without a status: `value.errors` (about
    /// the number), and those of each customer's message in `messages[]`.
    static func errorNotices(in value: JSONValue, number: String?, format: CallbackFormat, receivedAt: UnixTime) -> [Notice] {
        var lists: [(subject: String, errors: [JSONValue])] = []
        if let errors = value["errors"]?.elements { lists.append((number ?? "the account", errors)) }
        for message in value["messages"]?.elements ?? [] {
            if let errors = message["errors"]?.elements {
                lists.append((message["from"]?.fieldText.map(PhoneNumber.normalized) ?? number ?? "a customer", errors))
            }
        }
        return lists.flatMap { subject, errors in
            errors.map { entry in
                let error = MetaValueMapping.providerError(entry)
                let said = [error.code, error.summary].compactMap { $0 }.joined(separator: " ")
                return Notice(receivedAt: receivedAt, format: format, kind: .error, subject: subject, text: said.isEmpty ? "error" : said)
            }
        }
    }
}
