import WatopCore
import WatopUI

/// The Breakdown view's frame beside the main view's, at 200×60 on one store of 1,000,000
/// events whose messages spread over many campaigns (`ref`), WhatsApp numbers, templates
/// (`ref1`) and recipients' countries: past the default cap of groups, so that the frame also
/// counts the `other` row.
enum BreakdownBenchmark {
    static let campaigns = 5_000
    static let numbers = 200
    static let templates = 40
    /// Calling codes of recipients, with the digits after them.
    static let countries = [("91", "98765"), ("55", "11987"), ("62", "81234"), ("234", "80312"), ("52", "55123"), ("44", "7700")]

    /// A message's statuses in turn: three callbacks a message.
    static let statuses = ["sent", "delivered", "read", "sent", "delivered", "failed"]

    /// The Kaleyra GET callback numbered `index`: the `index / 3`-th message's next status.
    static func request(_ index: Int) -> RawRequest {
        let message = index / 3
        let status = statuses[(message % 2) * 3 + index % 3]
        let (code, rest) = countries[message % countries.count]
        let mobile = "\(code)\(rest)\(10_000 + message % 90_000)"
        let failed = status == "failed"
        let target =
            "/callback?id=b7e1\(message % 1000)-c923-4a1b-b3a3-0b1\(100_000_000 + message):0&custom_response=false"
            + "&timestamp=1710000042&mobile=\(mobile)&message=Message%20\(status)&status=\(status)&phone_number=\(mobile)"
            + "&error=\(failed ? "Re-engagement+message" : "")&error_code=\(failed ? "13104\(message % 10)" : "")"
            + "&ref=campaign-\(message % campaigns)&ref1=template-\(message % templates)&ref2=%3Cref2%3E"
            + "&price=\(status == "delivered" ? "0.01" : "")&whatsapp_number=91800\(100_000 + message % numbers)"
        return RawRequest(method: "GET", target: target, headers: [(name: "host", value: "127.0.0.1:8080")], body: [])
    }

    /// The median frame of the main view and of the Breakdown view by `ref`, unfiltered, in
    /// seconds, with `count` events received over the day before `receivedAt`.
    static func run(count: Int, receivedAt: UnixTime) -> (main: Double, breakdown: Double) {
        let day: Int64 = 86_400_000
        let store = EventStore(capacity: count, startedAt: UnixTime(milliseconds: receivedAt.milliseconds - day))
        for index in 0..<count {
            let at = UnixTime(milliseconds: receivedAt.milliseconds - day + Int64(index) * day / Int64(count))
            if let batch = try? CallbackParser.parse(request(index), receivedAt: at) { store.record(batch) }
        }
        let main = FrameBenchmark.median(store: store, receivedAt: receivedAt, filter: nil, request: request)
        let breakdown = FrameBenchmark.median(store: store, receivedAt: receivedAt, filter: nil, opening: [.toggleBreakdown], request: request)
        return (main, breakdown)
    }
}
