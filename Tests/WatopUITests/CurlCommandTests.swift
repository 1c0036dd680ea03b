import Testing
import WatopCore

@testable import WatopUI

@Suite struct CurlCommandTests {
    @Test func aRequestBecomesACommandThatSendsItAgainWithNothingLeftForTheShellToRun() {
        let request = RawRequest(
            method: "POST", target: "/callback?ref=it's", headers: [("Host", "x"), ("X-Note", "$(rm -rf /)`id`")],
            body: Array(#"{"message":"don't"}"#.utf8))
        let command = CurlCommand.make(for: request, callbackURL: "https://hooks.example.com:8443/callback")
        #expect(
            command
                == #"curl -X POST 'https://hooks.example.com:8443/callback?ref=it'\''s' -H 'X-Note: $(rm -rf /)`id`' --data-binary '{"message":"don'\''t"}'"#
        )
    }

    @Test func bytesThatAreNotPrintableAreEscapedInDollarQuotes() {
        #expect(CurlCommand.quoted([0x61, 0x0A, 0x27, 0xFF, 0x5C]) == #"$'a\x0a\'\xff\\'"#)
        #expect(CurlCommand.quoted("\u{1b}[31m") == #"$'\x1b[31m'"#)
    }
}
