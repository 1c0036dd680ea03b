@testable import WatopCore

/// Payloads of the other providers, shaped as spec §6 describes them.
enum ProviderSamples {
    /// Kaleyra's own published v2 sample, with its trailing comma after the last member of
    /// `extra_info` (invalid JSON that Kaleyra documents, so watop tolerates and counts it).
    static let kaleyraV2Published = """
        {
          "meta_object": {
            "value": {
              "messaging_product": "whatsapp",
              "metadata": {"display_phone_number": "918000000001", "phone_number_id": "104xxxxxxxxxx34"},
              "statuses": [
                {
                  "id": "wamid.HBgMOTE5NDgwMDAwMDAxFQIAERgSQjU2QTNGNzQwMkM5RjlFNjY3AA==",
                  "status": "sent",
                  "timestamp": "1722834665",
                  "recipient_id": "919480000001",
                  "conversation": {"id": "a7c1f3d2e4b5", "origin": {"type": "marketing"}},
                  "pricing": {"billable": true, "pricing_model": "CBP", "category": "marketing"}
                }
              ]
            },
            "field": "messages"
          },
          "extra_info": {
            "message_id": "wamid.HBgMOTE5NDgwMDAwMDAxFQIAERgSQjU2QTNGNzQwMkM5RjlFNjY3AA==",
            "waba_id": "1049xxxxxxxx21",
            "ref": "order-1234",
            "ref1": "campaign-7",
            "ref2": "<ref2>",
          },
          "status": "sent",
          "message_id": "wamid.HBgMOTE5NDgwMDAwMDAxFQIAERgSQjU2QTNGNzQwMkM5RjlFNjY3AA=="
        }
        """

    /// A Meta Cloud API webhook with two entries: three statuses (one failed, one without an
    /// id), an inbound reply, and a change of another field.
    static let metaMultiStatus = """
        {"object":"whatsapp_business_account","entry":[
          {"id":"122951744235903","changes":[{"field":"messages","value":{
            "messaging_product":"whatsapp",
            "metadata":{"display_phone_number":"15550984277","phone_number_id":"114896151713920"},
            "statuses":[
              {"id":"wamid.A1","status":"delivered","timestamp":"1694492484","recipient_id":"60173526233",
               "conversation":{"id":"f5fdae39","origin":{"type":"utility"}},
               "pricing":{"billable":true,"pricing_model":"CBP","category":"utility"}},
              {"id":"wamid.A2","status":"failed","timestamp":"1694492490","recipient_id":"60173526234",
               "errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message",
                          "error_data":{"details":"Message failed to send because more than 24 hours have passed"}}]},
              {"status":"read","timestamp":"1694492499","recipient_id":"60173526235"}
            ],
            "contacts":[{"profile":{"name":"Lee"},"wa_id":"60173526233"}],
            "messages":[{"from":"60173526233","id":"wamid.IN1","timestamp":"1694492500","type":"text",
                         "text":{"body":"Thanks!"}}]
          }}]},
          {"id":"122951744235903","changes":[
            {"field":"account_review_update","value":{"decision":"APPROVED"}}
          ]}
        ]}
        """

    /// Twilio's status callback for an undelivered WhatsApp message.
    static let twilioUndelivered =
        "ChannelPrefix=whatsapp&ApiVersion=2010-04-01&MessageStatus=undelivered&SmsSid=SM0123456789abcdef0123456789abcdef"
        + "&SmsStatus=undelivered&ChannelInstallSid=XEcc20d939f803ee381f2442185d0d5dc5"
        + "&To=whatsapp%3A%2B919800000001&From=whatsapp%3A%2B14155238886&MessageSid=SM0123456789abcdef0123456789abcdef"
        + "&StructuredMessage=false&AccountSid=AC00000000000000000000000000000000&ErrorCode=63016"
        + "&ChannelStatusMessage=Failed+to+send+freeform+message+because+you+are+outside+the+allowed+window"
        + "&ChannelToAddress=%2B91980000XXXX&EventType=UNDELIVERED"

    static func post(_ body: String, contentType: String = "application/json") -> RawRequest {
        RawRequest(
            method: "POST", target: "/callback", headers: [("Host", "localhost"), ("Content-Type", contentType)],
            body: Array(body.utf8))
    }

    static func parse(_ request: RawRequest, format: CallbackFormat? = nil) throws(CallbackRejection) -> CallbackBatch {
        try CallbackParser.parse(request, receivedAt: Samples.receivedAt, format: format)
    }
}
