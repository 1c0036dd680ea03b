import NIOHTTP1
import Testing

@testable import WatopServer

@Suite struct AccessPolicyTests {
    private func headers(_ pairs: [(String, String)]) -> HTTPHeaders { HTTPHeaders(pairs) }

    @Test func withoutCredentialsEveryoneIsAdmitted() {
        #expect(AccessPolicy.open.admits(headers: headers([]), query: ""))
        #expect(AccessPolicy.open.challenge == nil)
    }

    @Test func aStaticHeaderMustMatchExactlyWhateverTheNameCase() {
        let policy = AccessPolicy(credentials: [.header(name: "X-Api-Key", value: "s3cret")])
        #expect(policy.admits(headers: headers([("x-api-key", "s3cret")]), query: ""))
        #expect(!policy.admits(headers: headers([("X-Api-Key", "s3cre")]), query: ""))
        #expect(!policy.admits(headers: headers([("X-Api-Key", "s3cret!")]), query: ""))
        #expect(!policy.admits(headers: headers([]), query: ""))
    }

    @Test func basicAuthenticationIsCheckedAndChallenged() {
        let policy = AccessPolicy(credentials: [.basic(user: "kaleyra", password: "pa:ss")])
        // base64("kaleyra:pa:ss")
        #expect(policy.admits(headers: headers([("Authorization", "Basic a2FsZXlyYTpwYTpzcw==")]), query: ""))
        #expect(!policy.admits(headers: headers([("Authorization", "Basic a2FsZXlyYTpwYXNz")]), query: ""))
        #expect(policy.challenge == "Basic realm=\"watop\", charset=\"UTF-8\"")
    }

    @Test func aTokenIsAcceptedAsBearerOrInTheQuery() {
        let policy = AccessPolicy(credentials: [.token("t0k/en")])
        #expect(policy.admits(headers: headers([("Authorization", "Bearer t0k/en")]), query: ""))
        #expect(policy.admits(headers: headers([]), query: "id=x&token=t0k%2Fen"))
        #expect(!policy.admits(headers: headers([]), query: "id=x&token=t0k"))
        #expect(!policy.admits(headers: headers([("Authorization", "Bearer other")]), query: ""))
        #expect(policy.challenge == "Bearer realm=\"watop\"")
    }

    @Test func anyConfiguredCredentialIsEnough() {
        let policy = AccessPolicy(credentials: [.token("a"), .header(name: "X-Key", value: "b")])
        #expect(policy.admits(headers: headers([("X-Key", "b")]), query: ""))
        #expect(policy.admits(headers: headers([]), query: "token=a"))
    }

    @Test func secretsAreRedactedFromWhatIsKept() {
        let policy = AccessPolicy(credentials: [.token("t"), .header(name: "X-Key", value: "k")])
        var kept: [(name: String, value: String)] = [("Stale", "from the last request")]
        let target = policy.redacted(
            headers: headers([("Authorization", "Bearer t"), ("X-Key", "k"), ("Host", "h")]),
            target: "/callback?id=1&token=t&status=sent", into: &kept)
        #expect(target == "/callback?id=1&token=[redacted]&status=sent")
        #expect(kept.map(\.value) == ["[redacted]", "[redacted]", "h"])
        #expect(AccessPolicy.open.redacted(headers: headers([("Host", "h")]), target: "/c?token=t", into: &kept) == "/c?token=t")
        #expect(kept.map(\.name) == ["Host"])
    }

    @Test(arguments: [("abc", "abc", true), ("abc", "abd", false), ("ab", "abc", false), ("", "", true), ("abcd", "abc", false)])
    func constantTimeComparisonIsStillExact(a: String, b: String, equal: Bool) {
        #expect(ConstantTime.equal(a, b) == equal)
    }

    @Test func theRateLimiterAllowsABurstThenRefillsPerSecond() {
        let limiter = RateLimiter(requestsPerSecond: 3)
        let start: UInt64 = 1_000_000_000
        #expect((0..<3).allSatisfy { _ in limiter.admit(client: "a", nowNanoseconds: start) })
        #expect(!limiter.admit(client: "a", nowNanoseconds: start))
        #expect(limiter.admit(client: "b", nowNanoseconds: start))
        #expect(limiter.admit(client: "a", nowNanoseconds: start + 400_000_000))
        #expect(!limiter.admit(client: "a", nowNanoseconds: start + 400_000_000))
    }
}
