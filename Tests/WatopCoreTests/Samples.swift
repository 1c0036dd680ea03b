@testable import WatopCore

/// Requests and events shaped like the spec's samples, for every test file.
enum Samples {
    static let receivedAt = UnixTime(seconds: 1_710_000_050)

    /// The vendor page's sample callback, as a GET profile sends it.
    static let seedQuery =
        "/callback?id=ad97eXXX-c923-4XXX-b3a3-0b1XXXXXXd97:0&custom_response=false&timestamp=1710000042"
        + "&mobile=91XXXXXXXX83&message=Message%20delivered&status=delivered&phone_number=91XXXXXXXX83"
        + "&error=&error_code=&ref=%3Cref%3E&ref1=<ref1>&ref2=<ref2>&price=0.01&whatsapp_number=91XXXXXXXX80"

    /// The POST template of the spec with the sample's values filled in.
    static let seedJSON = """
        {"id": "ad97eXXX-c923-4XXX-b3a3-0b1XXXXXXd97:0", "custom_response": "false", "timestamp": "1710000042",
         "mobile": "91XXXXXXXX83", "message": "Message delivered", "status": "delivered",
         "phone_number": "91XXXXXXXX83", "error": "", "error_code": "",
         "ref": "<ref>", "ref1": "<ref1>", "ref2": "<ref2>", "price": "0.01", "whatsapp_number": "91XXXXXXXX80"}
        """

    static func get(_ target: String) -> RawRequest {
        RawRequest(method: "GET", target: target, headers: [("Host", "localhost")], body: [])
    }

    static func post(_ body: String, contentType: String? = nil, target: String = "/callback") -> RawRequest {
        var headers: [(name: String, value: String)] = [("Host", "localhost")]
        if let contentType { headers.append(("Content-Type", contentType)) }
        return RawRequest(method: "POST", target: target, headers: headers, body: Array(body.utf8))
    }

    /// The one event of a Kaleyra v1 request.
    static func parse(_ request: RawRequest) throws(CallbackRejection) -> CallbackEvent {
        try CallbackParser.parse(request, receivedAt: receivedAt).events[0]
    }

    /// An event built directly, for ring, aggregate and lifecycle tests.
    static func event(
        id: String = "m1:0", status: DeliveryStatus = .sent, whatsappNumber: String? = "919800000001",
        errorCode: String? = nil, error: String? = nil, price: String? = nil, at second: Int64 = 1_710_000_000
    ) -> CallbackEvent {
        CallbackEvent(
            receivedAt: UnixTime(seconds: second), transport: .query, id: id, status: status,
            mobile: "919811111111", whatsappNumber: whatsappNumber, error: error, errorCode: errorCode,
            price: price.flatMap { ReportedPrice(parsing: $0) }, timestamp: UnixTime(seconds: second))
    }
}
