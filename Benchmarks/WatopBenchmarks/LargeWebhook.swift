import WatopCore

/// A Meta webhook of about 3 MB with 10,000 statuses, the largest Meta documents: two statuses
/// per message (sent, then delivered or, one in ten, failed with its error), each with today's
/// per-message pricing and the sender's opaque data.
enum LargeWebhook {
    static let statuses = 10_000

    static let request: RawRequest = {
        var items: [String] = []
        items.reserveCapacity(statuses)
        for index in 0..<statuses {
            let (message, second) = index.quotientAndRemainder(dividingBy: 2)
            let failed = second == 1 && message % 10 == 9
            let status = failed ? "failed" : second == 0 ? "sent" : "delivered"
            let errors =
                failed
                ? #","errors":[{"code":131049,"title":"This message was not delivered to maintain healthy ecosystem engagement.","#
                    + #""message":"This message was not delivered to maintain healthy ecosystem engagement.","#
                    + #""error_data":{"details":"In order to maintain a healthy ecosystem engagement, the message failed to be delivered."}}]"#
                : ""
            items.append(
                #"{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI\#(100_000_000_000 + message)QA=","status":"\#(status)","#
                    + #""timestamp":"\#(1_750_263_773 + index)","recipient_id":"1650555\#(1000 + message % 9000)","#
                    + #""biz_opaque_callback_data":"campaign-summer-2026-order-\#(10_000_000 + message)","#
                    + #""pricing":{"billable":true,"pricing_model":"PMP","type":"regular","category":"marketing"}\#(errors)}"#)
        }
        let body =
            #"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"#
            + #""messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"#
            + #""statuses":["# + items.joined(separator: ",") + "]}}]}]}"
        return RawRequest(
            method: "POST", target: "/callback",
            headers: [(name: "host", value: "127.0.0.1:8080"), (name: "content-type", value: "application/json")],
            body: Array(body.utf8))
    }()
}
