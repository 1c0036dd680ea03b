@testable import WatopCore
@testable import WatopUI

/// A deterministic store: a few messages of every status through real request parsing, with
/// prices, error codes (known and unknown), three whatsappNumbers (one missing), an out-of-order and
/// a duplicate callback, an ANSI-escape payload and a message in Devanagari with an emoji; and
/// besides Kaleyra's v1 callbacks one of each other format: a Kaleyra v2 webhook, a Meta status
/// with its pricing, a customer's message through Meta, and a Twilio message sent then
/// undelivered with code 63016.
enum Fixture {
    static let startedAt = UnixTime(seconds: 1_710_000_000)
    /// The frame clock: 1h02m03s after start, a minute after the first callback.
    static let now = UnixTime(seconds: 1_710_003_723)
    static let callbackURL = "http://127.0.0.1:8080/callback"
    static let frame = Frame(now: now, callbackURL: callbackURL)

    static let m1 = "ad97e3b1-c923-4a1b-b3a3-0b1c2d3e4d97:0"
    static let m2 = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f:0"
    static let m3 = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:0"
    static let ansiPayload = "\u{1b}[31mRED\u{1b}]0;pwned\u{07}"
    static let hindi = "नमस्ते 👋 done"

    static func makeStore(capacity: Int = 1000) -> EventStore {
        let store = EventStore(capacity: capacity, startedAt: startedAt)
        for (secondsAgo, request) in callbacks {
            store.record(try! CallbackParser.parse(request, receivedAt: ago(secondsAgo)))
        }
        for (secondsAgo, rejection, request) in rejections {
            store.recordRejection(RejectedRequest(rejection, receivedAt: ago(secondsAgo), request: request))
        }
        return store
    }

    /// Refused requests: a price that is no number, and two without the token, the second
    /// with an escape sequence in a header and its credential redacted by the listener.
    static let rejections: [(secondsAgo: Int64, rejection: CallbackRejection, request: RawRequest)] = {
        let badPrice = get(["id": m1, "status": "delivered", "price": "0,01"])
        var refusal = CallbackRejection(.invalidPrice, "")
        do throws(CallbackRejection) { _ = try CallbackParser.parse(badPrice, receivedAt: ago(45)) } catch { refusal = error }
        let unauthorized = CallbackRejection(.unauthorized, "missing or wrong credentials for this endpoint")
        return [
            (45, refusal, badPrice),
            (33, unauthorized, get(["id": m2, "status": "sent", "token": "[redacted]"])),
            (8, unauthorized,
             RawRequest(
                method: "POST", target: "/callback",
                headers: [("Host", "127.0.0.1:8080"), ("Authorization", "[redacted]"), ("User-Agent", "probe\u{1b}[2J")],
                body: Array(#"{"id": "x:0", "status": "sent"}"#.utf8))),
        ]
    }()

    /// The fixture's callbacks, then Meta's account changes and stray errors as notices: one
    /// older than the header's hour, one with escape sequences in its text.
    static func makeNoticeStore() -> EventStore {
        let store = makeStore()
        func change(_ field: String, _ value: String) -> String {
            #"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":""# + field
                + #"","value":"# + value + "}]}]}"
        }
        let notices: [(secondsAgo: Int64, body: String)] = [
            (7200, change("phone_number_quality_update", #"{"display_phone_number":"15550783881","event":"ONBOARDING","current_limit":"TIER_NOT_SET"}"#)),
            (2400, change("message_template_status_update", #"{"event":"APPROVED","message_template_id":1,"message_template_name":"order_confirmation","message_template_language":"en_US","reason":"NONE"}"#)),
            (900, change("phone_number_quality_update", #"{"display_phone_number":"15550783881","event":"DOWNGRADE","old_limit":"TIER_10K","current_limit":"TIER_2K"}"#)),
            (300, change("account_alerts", #"{"entity_type":"BUSINESS","entity_id":"506914307656634","alert_info":{"alert_severity":"WARNING","alert_type":"INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED","alert_description":"Limits cannot be increased yet."}}"#)),
            (120, change("messages", #"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881"},"errors":[{"code":131000,"title":"\u001b[31mRED\u001b]0;pwned\u0007","error_data":{"details":"Unknown error"}}]}"#)),
            (45, change("message_template_status_update", #"{"event":"PAUSED","message_template_id":2,"message_template_name":"summer_sale","message_template_language":"en","reason":"NONE","other_info":{"title":"FIRST_PAUSE","description":"Your WhatsApp message template has been paused for 3 hours because it had issues."}}"#)),
        ]
        for (secondsAgo, body) in notices {
            store.record(try! CallbackParser.parse(post(body, contentType: "application/json"), receivedAt: ago(secondsAgo)))
        }
        return store
    }

    /// The same callbacks forwarded to an app that takes most at once, refuses some with a
    /// 503 before taking them, cannot be reached for one, and has not yet answered the last.
    static func makeForwardingStore() -> EventStore {
        let store = EventStore(capacity: 1000, forwardRecordsKept: 100, startedAt: startedAt)
        for (index, (secondsAgo, request)) in callbacks.enumerated() {
            let start = store.recordForwarded(
                try! CallbackParser.parse(request, receivedAt: ago(secondsAgo)), method: request.method,
                target: request.target, fingerprint: index)
            let at = ago(secondsAgo)
            func attempt(_ status: Int?, micros: Int64, failure: String? = nil, body: String = "") -> ForwardAttempt {
                ForwardAttempt(
                    startedAt: at, latencyMicroseconds: micros, status: status, failure: failure,
                    responseHeaders: status == nil ? [] : [("Content-Type", "text/plain"), ("X-Request-Id", "app-\(index)")],
                    responseBody: Array(body.utf8))
            }
            guard index < callbacks.count - 1 else { continue }
            switch index % 7 {
            case 3:
                store.completeForward(start.id, with: attempt(503, micros: 4_200, body: "database busy, try later"))
                store.completeForward(start.id, with: attempt(200, micros: 9_800, body: "ok"))
            case 5:
                store.completeForward(
                    start.id, with: attempt(nil, micros: 10_000_000, failure: "no answer within 10 s (--forward-timeout)"))
            default:
                store.completeForward(start.id, with: attempt(200, micros: 12_000 + Int64(index) * 700, body: "ok"))
            }
        }
        return store
    }

    static let callbacks: [(secondsAgo: Int64, request: RawRequest)] = [
            (58, get(["id": m1, "status": "sent", "mobile": "919876543210", "whatsapp_number": "918000000001"])),
            (55, get(["id": m1, "status": "delivered", "mobile": "919876543210", "whatsapp_number": "918000000001", "price": "0.0085", "message": "Message delivered"])),
            (50, get(["id": m3, "status": "delivered", "phone_number": "14155550100", "whatsapp_number": "918000000002", "price": "0.01"])),
            (49, get(["id": m3, "status": "sent", "phone_number": "14155550100", "whatsapp_number": "918000000002"])),
            (40, get(["id": m1, "status": "read", "mobile": "919876543210", "whatsapp_number": "918000000001"])),
            (36, twilio(status: "sent")),
            (32, get(["id": m2, "status": "sent", "mobile": "919812345678", "whatsapp_number": "918000000001", "ref": "campaign-7"])),
            (30, get(["id": m2, "status": "failed", "mobile": "919812345678", "whatsapp_number": "918000000001", "error_code": "131047", "error": "Re-engagement message", "ref": "campaign-7"])),
            (25, post(kaleyraV2Sent, contentType: "application/json")),
            (20, get(["id": m3, "status": "read", "phone_number": "14155550100", "whatsapp_number": "918000000002"])),
            (19, get(["id": m3, "status": "read", "phone_number": "14155550100", "whatsapp_number": "918000000002"])),
            (15, get(["id": "c4d5e6f7-0000-4000-8000-000000000004:0", "status": "not-sent", "mobile": "919700000004", "whatsapp_number": "918000000002", "error_code": "E110", "error": "Insufficient balance"])),
            (12, post(metaDelivered, contentType: "application/json")),
            (10, get(["id": "c4d5e6f7-0000-4000-8000-000000000005:0", "status": "Queued", "mobile": "919700000005"])),
            (7, post(metaInbound, contentType: "application/json")),
            (5, get(["id": "c4d5e6f7-0000-4000-8000-000000000006:0", "status": "failed", "mobile": "919900000000", "whatsapp_number": "918000000001", "error_code": "131026", "error": "Message undeliverable", "message": ansiPayload])),
            (3, twilio(status: "undelivered", errorCode: "63016")),
            (2, get(["id": "c4d5e6f7-0000-4000-8000-000000000008:0", "status": "failed", "mobile": "919900000008", "whatsapp_number": "918000000001", "error_code": "999999", "error": "Something new"])),
            (1, post(kaleyraV1JSON, contentType: "application/json")),
        ]

    /// Kaleyra's POST profile, with an unreplaced placeholder.
    static let kaleyraV1JSON = """
        {"id": "c4d5e6f7-0000-4000-8000-000000000007:0", "status": "delivered", "mobile": "919700000007", \
        "whatsapp_number": "918000000002", "price": "0.01", "message": "\(hindi)", "timestamp": "1710003720", "ref1": "<ref1>"}
        """

    /// Kaleyra's v2 webhook: a marketing template sent from the second Kaleyra number.
    static let kaleyraV2Sent = """
        {"meta_object":{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"918000000002",\
        "phone_number_id":"110200345678901"},\
        "statuses":[{"id":"wamid.HBgMOTE5ODExMTEzMzMzFQIAERgSQjhGMkI0QTA1RjE3QzlDRDA2AA==","status":"sent",\
        "timestamp":"1710003697","recipient_id":"919811113333",\
        "conversation":{"id":"c0a8f3e2b1d4c5a6978899aabbccddee","expiration_timestamp":"1710090097",\
        "origin":{"type":"marketing"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"marketing"}}]},\
        "field":"messages"},\
        "extra_info":{"message_id":"wamid.HBgMOTE5ODExMTEzMzMzFQIAERgSQjhGMkI0QTA1RjE3QzlDRDA2AA==",\
        "waba_id":"104500678901234","ref":"campaign-8","ref1":"","ref2":""},"status":"sent",\
        "message_id":"wamid.HBgMOTE5ODExMTEzMzMzFQIAERgSQjhGMkI0QTA1RjE3QzlDRDA2AA=="}
        """

    /// Meta's Cloud API webhook: an order update (a utility template) delivered.
    static let metaDelivered = """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398",\
        "changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",\
        "phone_number_id":"106540352242922"},\
        "statuses":[{"id":"wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI3QjU5RjQxQzE4MDFBQjk2NjcA","status":"delivered",\
        "timestamp":"1710003710","recipient_id":"14155550123",\
        "conversation":{"id":"4d7d1c0e8c2f6b3a9e5d0f1e2d3c4b5a","origin":{"type":"utility"}},\
        "pricing":{"billable":true,"pricing_model":"CBP","category":"utility"}}]},"field":"messages"}]}]}
        """

    /// Meta's Cloud API webhook: the customer of the message above writes back.
    static let metaInbound = """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398",\
        "changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",\
        "phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Asha"},"wa_id":"14155550123"}],\
        "messages":[{"from":"14155550123","id":"wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQUI5QzE3RDQ2RkQ2QjM5RkUwMAA=",\
        "timestamp":"1710003715","text":{"body":"Yes please, deliver tomorrow"},"type":"text"}]},\
        "field":"messages"}]}]}
        """

    /// Twilio's status callback for one WhatsApp message, as its form POST lists the fields.
    static func twilio(status: String, errorCode: String? = nil) -> RawRequest {
        let sid = "SM3c5b1f0e9d8a4c7b2e6f1a0d9c8b7a6e"
        let fields =
            "ChannelPrefix=whatsapp&ApiVersion=2010-04-01&MessageStatus=\(status)&SmsSid=\(sid)&SmsStatus=\(status)"
            + "&ChannelInstallSid=XE9a8b7c6d5e4f30211203f4e5d6c7b8a9&To=whatsapp%3A%2B919811112222"
            + "&From=whatsapp%3A%2B14155238886" + (errorCode.map { "&ErrorCode=\($0)" } ?? "")
            + "&MessageSid=\(sid)&AccountSid=AC0f1e2d3c4b5a69788796a5b4c3d2e1f0&ChannelToAddress=%2B9198111XXXXX"
        return post(fields, contentType: "application/x-www-form-urlencoded")
    }

    static func ago(_ seconds: Int64) -> UnixTime { UnixTime(milliseconds: now.milliseconds - seconds * 1000) }

    static func post(_ body: String, contentType: String) -> RawRequest {
        RawRequest(
            method: "POST", target: "/callback", headers: [("Host", "127.0.0.1:8080"), ("Content-Type", contentType)],
            body: Array(body.utf8))
    }

    /// A GET request with the fields in the query, in a fixed order, percent-encoded.
    static func get(_ fields: [String: String]) -> RawRequest {
        let query = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(percentEncoded($0.value))" }.joined(separator: "&")
        return RawRequest(method: "GET", target: "/callback?" + query, headers: [("Host", "127.0.0.1:8080")], body: [])
    }

    private static func percentEncoded(_ text: String) -> String {
        text.utf8.map { byte in
            let safe = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F
            return safe ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
    }

    /// A dashboard of `size` showing `store`.
    /// Messages on two numbers delivered after 2 to 90 seconds, and read after a minute or so.
    static func makeLatencyStore() -> EventStore {
        let store = EventStore(capacity: 1000, startedAt: startedAt)
        for index in 0..<40 {
            let number = index % 4 == 0 ? "918000000002" : "918000000001"
            let sent = now.seconds - 200 + Int64(index)
            let delivered = sent + Int64(2 + (index * 7) % 89)
            for (status, second) in [(DeliveryStatus.sent, sent), (.delivered, delivered), (.read, delivered + 50 + Int64(index))] {
                store.record(
                    CallbackEvent(
                        receivedAt: UnixTime(seconds: min(second, now.seconds)), transport: .query, id: "latency-\(index)", status: status,
                        whatsappNumber: number, timestamp: UnixTime(seconds: second)))
            }
        }
        return store
    }

    /// Messages left pending for 15 minutes to 3 days on three numbers, beside a few delivered.
    static func makeStuckStore() -> EventStore {
        let store = EventStore(capacity: 1000, startedAt: startedAt)
        let ages: [(number: String?, secondsAgo: Int64, count: Int)] = [
            ("918000000001", 900, 12), ("918000000001", 7200, 3), ("918000000001", 3 * 86_400, 1),
            ("918000000002", 1500, 4), (nil, 40_000, 2), ("918000000003", 60, 5),
        ]
        var index = 0
        for age in ages {
            for _ in 0..<age.count {
                index += 1
                let at = UnixTime(seconds: now.seconds - age.secondsAgo)
                store.record(CallbackEvent(receivedAt: at, transport: .query, id: "stuck-\(index)", status: .sent, whatsappNumber: age.number))
                if age.secondsAgo == 60 {
                    store.record(CallbackEvent(receivedAt: at, transport: .query, id: "stuck-\(index)", status: .delivered, whatsappNumber: age.number))
                }
            }
        }
        return store
    }

    static func state(size: TerminalSize, store: EventStore) -> UIState {
        var state = UIState(size: size)
        reduce(&state, .refresh(store.snapshot(at: now), at: now))
        return state
    }

    /// Applies the actions of typing `keys` in whatever view is on top.
    static func press(_ keys: [Key], _ state: inout UIState) {
        for key in keys {
            if let action = KeyTable.action(for: key, in: state.mode) { reduce(&state, action) }
        }
    }

    static func type(_ text: String, _ state: inout UIState) { press(text.map { .character($0) }, &state) }

    /// The rendered screen as text.
    static func screen(_ state: UIState) -> String { render(state, frame).lines.joined(separator: "\n") }
}
