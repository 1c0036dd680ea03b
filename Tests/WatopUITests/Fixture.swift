@testable import WatopCore
@testable import WatopUI

/// A deterministic store: a few messages of every status through real request parsing, with
/// prices, error codes (known and unknown), three senders (one missing), an out-of-order and
/// a duplicate callback, an ANSI-escape payload and a message in Devanagari with an emoji.
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
        let callbacks: [(Int64, [String: String])] = [
            (58, ["id": m1, "status": "sent", "mobile": "919876543210", "whatsapp_number": "918000000001"]),
            (55, ["id": m1, "status": "delivered", "mobile": "919876543210", "whatsapp_number": "918000000001", "price": "0.0085", "message": "Message delivered"]),
            (50, ["id": m3, "status": "delivered", "phone_number": "14155550100", "whatsapp_number": "918000000002", "price": "0.01"]),
            (49, ["id": m3, "status": "sent", "phone_number": "14155550100", "whatsapp_number": "918000000002"]),
            (40, ["id": m1, "status": "read", "mobile": "919876543210", "whatsapp_number": "918000000001"]),
            (32, ["id": m2, "status": "sent", "mobile": "919812345678", "whatsapp_number": "918000000001", "ref": "campaign-7"]),
            (30, ["id": m2, "status": "failed", "mobile": "919812345678", "whatsapp_number": "918000000001", "error_code": "131047", "error": "Re-engagement message", "ref": "campaign-7"]),
            (20, ["id": m3, "status": "read", "phone_number": "14155550100", "whatsapp_number": "918000000002"]),
            (19, ["id": m3, "status": "read", "phone_number": "14155550100", "whatsapp_number": "918000000002"]),
            (15, ["id": "c4d5e6f7-0000-4000-8000-000000000004:0", "status": "not-sent", "mobile": "919700000004", "whatsapp_number": "918000000002", "error_code": "E110", "error": "Insufficient balance"]),
            (10, ["id": "c4d5e6f7-0000-4000-8000-000000000005:0", "status": "Queued", "mobile": "919700000005"]),
            (5, ["id": "c4d5e6f7-0000-4000-8000-000000000006:0", "status": "failed", "mobile": "919900000000", "whatsapp_number": "918000000001", "error_code": "131026", "error": "Message undeliverable", "message": ansiPayload]),
            (2, ["id": "c4d5e6f7-0000-4000-8000-000000000008:0", "status": "failed", "mobile": "919900000008", "whatsapp_number": "918000000001", "error_code": "999999", "error": "Something new"]),
        ]
        for (secondsAgo, fields) in callbacks {
            store.record(try! CallbackParser.parse(get(fields), receivedAt: ago(secondsAgo)))
        }
        let json = """
            {"id": "c4d5e6f7-0000-4000-8000-000000000007:0", "status": "delivered", "mobile": "919700000007", \
            "whatsapp_number": "918000000002", "price": "0.01", "message": "\(hindi)", "timestamp": "1710003720", "ref1": "<ref1>"}
            """
        let post = RawRequest(
            method: "POST", target: "/callback",
            headers: [("Host", "127.0.0.1:8080"), ("Content-Type", "application/json")], body: Array(json.utf8))
        store.record(try! CallbackParser.parse(post, receivedAt: ago(1)))
        store.recordRejection(.invalidPrice)
        return store
    }

    static func ago(_ seconds: Int64) -> UnixTime { UnixTime(milliseconds: now.milliseconds - seconds * 1000) }

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
    static func state(size: TerminalSize, store: EventStore) -> UIState {
        var state = UIState(size: size)
        reduce(&state, .refresh(store.snapshot()))
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
