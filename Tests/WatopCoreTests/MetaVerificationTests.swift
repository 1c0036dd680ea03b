import Testing
@testable import WatopCore

@Suite struct MetaVerificationTests {
    @Test func theHubParametersAreRead() throws {
        let handshake = try #require(
            MetaVerification(query: "hub.mode=subscribe&hub.verify_token=s%20cret&hub.challenge=1158201444"))
        #expect(handshake.verifyToken == "s cret" && handshake.challenge == "1158201444" && handshake.problem == nil)
    }

    @Test func aQueryWithoutHubModeIsNotAHandshake() {
        #expect(MetaVerification(query: "id=a:0&status=sent") == nil)
        #expect(MetaVerification(query: "id=a:0&myhub.mode=subscribe&status=hub.mode") == nil)
        #expect(MetaVerification(query: "hub") == nil)
    }

    @Test func theHubParametersAreReadAfterOthers() throws {
        let handshake = try #require(MetaVerification(query: "x=1&hub.mode=subscribe&hub.challenge=7"))
        #expect(handshake.mode == "subscribe" && handshake.challenge == "7")
    }

    @Test(arguments: [
        ("hub.mode=unsubscribe&hub.verify_token=t&hub.challenge=1", "hub.mode must be \"subscribe\""),
        ("hub.mode=subscribe&hub.verify_token=t&hub.challenge=%1B%5B2J", "hub.challenge must be 1 to 256 letters, digits, '-', '_' or '.'"),
        ("hub.mode=subscribe&hub.verify_token=t", "hub.challenge must be 1 to 256 letters, digits, '-', '_' or '.'"),
    ])
    func anUnsafeOrWrongHandshakeHasAProblem(query: String, problem: String) throws {
        #expect(try #require(MetaVerification(query: Substring(query))).problem == problem)
    }
}
