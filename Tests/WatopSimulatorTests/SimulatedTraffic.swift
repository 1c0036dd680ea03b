import WatopCore

@testable import WatopSimulator

/// Requests from a traffic model, as the tests look at them.
func simulatedRequests(
    _ count: Int, seed: UInt64 = 7, formats: [CallbackFormat] = [.kaleyraV1], method: TrafficProfile.Method = .mixed,
    callbacksPerSecond: Double = 100
) -> [SimulatedRequest] {
    var profile = TrafficProfile()
    profile.seed = seed
    profile.formats = formats
    profile.method = method
    var model = TrafficModel(
        profile: profile, callbacksPerSecond: callbacksPerSecond, start: UnixTime(seconds: 1_710_000_000))
    return (0..<count).map { _ in model.next() }
}

extension SimulatedRequest {
    /// The request as the listener hands it to the parser.
    var raw: RawRequest {
        switch payload {
        case .query(let query):
            RawRequest(method: "GET", target: "/callback?" + query, headers: [], body: [])
        case .body(let body, let contentType):
            RawRequest(
                method: "POST", target: "/callback", headers: [("content-type", contentType)], body: Array(body.utf8))
        }
    }

    var body: String? {
        guard case .body(let body, _) = payload else { return nil }
        return body
    }

    /// What watop's parser makes of it.
    func parsed() throws -> CallbackBatch {
        try CallbackParser.parse(raw, receivedAt: UnixTime(seconds: 1_710_000_000))
    }
}
