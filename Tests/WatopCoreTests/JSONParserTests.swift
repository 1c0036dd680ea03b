import Testing
@testable import WatopCore

@Suite struct JSONParserTests {
    @Test func parsesNestedDocumentsKeepingNumbersAsText() throws {
        let value = try JSONParser.parse(Array(#" {"a": [1, -2.5e3, true, null], "b": {"c": "d"}} "#.utf8))
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(value["b"]?["c"] == .string("d"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(Array(#""q\"b\\s\/n\n\u00e9\ud83d\ude00""#.utf8))
        #expect(value == .string("q\"b\\s/n\né😀"))
    }

    @Test func lastDuplicateKeyWins() throws {
        let value = try JSONParser.parse(Array(#"{"k":"first","k":"last"}"#.utf8))
        #expect(value["k"] == .string("last"))
    }

    @Test(arguments: [
        "", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "01", "1.", "-", "tru", "\"\u{01}\"", "\"\\x\"", "{} {}",
        "\"\\ud83d", "{'a':1}",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func refusesHostileNestingWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8)) }
        let allowed = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONParser.parse(Array(allowed.utf8)) }
    }
}
