import Testing
@testable import WatopCore

@Suite struct RawRequestTests {
    @Test func everyPartReadsBackAsGiven() {
        let headers: [(name: String, value: String)] = [
            (name: "Host", value: "127.0.0.1:8080"), (name: "X-Empty", value: ""),
            (name: "X-Long", value: String(repeating: "v", count: 70_000)), (name: "X-Accent", value: "café ✓"),
            (name: "Content-Type", value: "application/json"),
        ]
        let body: [UInt8] = Array("{\"id\":\"m:0\"}".utf8) + [0x00, 0xFF, 0x0A]
        let request = RawRequest(method: "POST", target: "/callback?id=m%3A0&x=✓", headers: headers, body: body)
        #expect(request.method == "POST")
        #expect(request.target == "/callback?id=m%3A0&x=✓")
        #expect(request.query == "id=m%3A0&x=✓")
        #expect(request.headers.map(\.name) == headers.map(\.name))
        #expect(request.headers.map(\.value) == headers.map(\.value))
        #expect(request.body == body && request.bodyCount == body.count)
        #expect(request.withTarget { Array($0) } == Array("/callback?id=m%3A0&x=✓".utf8))
        #expect(request.header("content-TYPE") == "application/json")
        #expect(request.header("x-empty") == "")
        #expect(request.header("X-Missing") == nil)
        #expect(request.header("content_type") == nil && request.header("content-typo") == nil)
    }

    @Test func emptyPartsReadBackEmpty() {
        let empty = RawRequest(method: "", target: "", headers: [], body: UnsafeBufferPointer(start: nil, count: 0))
        #expect(empty.method.isEmpty && empty.target.isEmpty && empty.headers.isEmpty && empty.body.isEmpty)
        #expect(empty.header("Host") == nil && empty.query.isEmpty && empty.bodyCount == 0)
    }

    @Test func copiesShareOneRequest() {
        let request = Samples.get(Samples.seedQuery)
        let copy = request
        #expect(copy.isSameRequest(as: request))
        #expect(!Samples.get(Samples.seedQuery).isSameRequest(as: request))
    }
}
