import WatopCore

/// Realistic callbacks: the spec's GET query template and POST JSON template, with a fresh
/// message id and a rotating status per request.
enum Requests {
    static let statuses = ["sent", "delivered", "read", "failed"]

    static func query(_ index: Int) -> String {
        let status = statuses[index % 4]
        return "/callback?id=ad97e\(index % 1000)-c923-4a1b-b3a3-0b1\(100_000_000 + index):0&custom_response=false"
            + "&timestamp=1710000042&mobile=91987650\(1000 + index % 9000)&message=Message%20\(status)&status=\(status)"
            + "&phone_number=91987650\(1000 + index % 9000)&error=\(status == "failed" ? "Re-engagement+message" : "")"
            + "&error_code=\(status == "failed" ? "131047" : "")&ref=campaign-7&ref1=%3Cref1%3E&ref2=%3Cref2%3E"
            + "&price=\(status == "delivered" ? "0.01" : "")&whatsapp_number=91800000000\(index % 3)"
    }

    static func json(_ index: Int) -> String {
        let status = statuses[index % 4]
        return #"{"id": "ad97e\#(index % 1000)-c923-4a1b-b3a3-0b1\#(100_000_000 + index):0", "custom_response": "false", "#
            + #""timestamp": "1710000042", "mobile": "91987650\#(1000 + index % 9000)", "message": "Message \#(status)", "#
            + #""status": "\#(status)", "phone_number": "91987650\#(1000 + index % 9000)", "error": "", "error_code": "", "#
            + #""ref": "campaign-7", "ref1": "<ref1>", "ref2": "<ref2>", "price": "0.01", "whatsapp_number": "918000000001"}"#
    }

    static func get(_ index: Int) -> RawRequest {
        RawRequest(
            method: "GET", target: query(index), headers: [(name: "host", value: "127.0.0.1:8080"), (name: "user-agent", value: "Kaleyra")],
            body: [])
    }

    static func post(_ index: Int) -> RawRequest {
        RawRequest(
            method: "POST", target: "/callback",
            headers: [
                (name: "host", value: "127.0.0.1:8080"), (name: "content-type", value: "application/json"),
                (name: "content-length", value: "420"),
            ],
            body: Array(json(index).utf8))
    }
}
