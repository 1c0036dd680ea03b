import Foundation
import Testing
@testable import WatopCore

extension String {
    /// The event line without the fields that differ by transport and method.
    fileprivate func replacingTransport() -> String {
        replacingOccurrences(of: #""transport":"json","method":"POST""#, with: "")
            .replacingOccurrences(of: #""transport":"query","method":"GET""#, with: "")
    }
}

@Suite struct CallbackParserTests {
    @Test func seedSampleAsGETQueryGivesEveryField() throws {
        let event = try Samples.parse(Samples.get(Samples.seedQuery))
        #expect(event.transport == .query)
        #expect(event.id == "ad97eXXX-c923-4XXX-b3a3-0b1XXXXXXd97:0")
        #expect(event.status == .delivered)
        #expect(event.message == "Message delivered")
        #expect(event.mobile == "91XXXXXXXX83")
        #expect(event.phoneNumber == "91XXXXXXXX83")
        #expect(event.whatsappNumber == "91XXXXXXXX80")
        #expect(event.price == ReportedPrice(parsing: "0.01"))
        #expect(event.timestamp == UnixTime(seconds: 1_710_000_042))
        #expect(event.customResponse == "false")
        #expect(event.error == nil && event.errorCode == nil)
        #expect(event.ref == nil && event.ref1 == nil && event.ref2 == nil)
        #expect(event.receivedAt == Samples.receivedAt)
        #expect(event.method == "GET")
    }

    @Test func seedSampleAsPOSTJSONMatchesTheGETForm() throws {
        let viaJSON = try Samples.parse(Samples.post(Samples.seedJSON, contentType: "application/json"))
        let viaQuery = try Samples.parse(Samples.get(Samples.seedQuery))
        #expect(viaJSON.transport == .json)
        #expect(EventJSON.line(for: viaJSON).replacingTransport() == EventJSON.line(for: viaQuery).replacingTransport())
    }

    @Test func formBodyIsParsedLikeAQuery() throws {
        let event = try Samples.parse(
            Samples.post("id=f1%3A0&status=failed&error=Re-engagement+message&error_code=131047&mobile=9198"))
        #expect(event.transport == .form)
        #expect(event.id == "f1:0")
        #expect(event.status == .failed)
        #expect(event.error == "Re-engagement message")
        #expect(event.errorCode == "131047")
    }

    @Test func bodyShapeWinsOverAMisleadingContentType() throws {
        let json = try Samples.parse(Samples.post(#"{"id":"a:0","status":"sent"}"#, contentType: "text/plain"))
        #expect(json.transport == .json)
        let form = try Samples.parse(Samples.post("id=a:0&status=sent", contentType: "application/json"))
        #expect(form.transport == .form)
    }

    @Test func bodyFieldsOverrideQueryFields() throws {
        let event = try Samples.parse(
            Samples.post(#"{"id":"body:0","status":"read"}"#, target: "/callback?id=query:0&ref=campaign-7"))
        #expect(event.id == "body:0")
        #expect(event.ref == "campaign-7")
    }

    @Test func jsonNumbersBooleansAndNullsAreAccepted() throws {
        let event = try Samples.parse(
            Samples.post(
                #"{"id":"n:0","status":"delivered","price":0.0085,"timestamp":1710000042,"custom_response":false,"ref":null}"#
            ))
        #expect(event.price?.formatted(minimumFractionDigits: 0) == "0.0085")
        #expect(event.timestamp == UnixTime(seconds: 1_710_000_042))
        #expect(event.customResponse == "false")
        #expect(event.ref == nil)
    }

    /// Escaped keys and values are decoded where they lie, also when a nested value is read
    /// between an escaped key and the members after it.
    @Test func escapedJSONKeysAndValuesAreDecoded() throws {
        let event = try Samples.parse(
            Samples.post(
                #"{"n\u006fte": {"n\u0065sted": "x\u0041", "deeper": {"\u0061": ["\u0062"]}}, "id": "e\u0031:0", "st\u0061tus": "s\u0065nt", "#
                    + #""message": "tab\there \"quoted\" \u00e9\ud83d\ude00", "ref1": "<ref1>", "error": "\uD83D"}"#))
        #expect(event.id == "e1:0" && event.status == .sent)
        #expect(event.message == "tab\there \"quoted\" é😀")
        #expect(event.ref1 == nil)
        #expect(event.error == "\u{FFFD}")
        // A callback field under an escaped name is still known, and may not be an object.
        #expect(throws: CallbackRejection(.malformedBody, #"field "ref" must be a string, number or boolean, got an object"#)) {
            try Samples.parse(Samples.post(#"{"id": "m:0", "status": "sent", "r\u0065f": {"a": 1}}"#))
        }
    }

    @Test(arguments: [
        ("sent", DeliveryStatus.sent), ("DELIVERED", .delivered), ("Read", .read), ("failed", .failed),
        ("not-sent", .notSent), ("NOT_SENT", .notSent), ("Queued", .queued), ("undelivered", .undelivered), ("Accepted", .accepted),
        ("deleted", .deleted), ("Cancelled", .canceled), ("partially_delivered", .partiallyDelivered), ("PLAYED", .played),
        ("Expired", .other("Expired")), ("warnings", .other("warnings")),
    ])
    func statusIsCaseInsensitiveAndUnknownOnesAreKeptVerbatim(text: String, expected: DeliveryStatus) throws {
        let event = try Samples.parse(Samples.get("/callback?id=s:0&status=\(text)"))
        #expect(event.status == expected)
    }

    @Test(arguments: ["", "%20%20", "<ref1>", "%3Cref1%3E"])
    func emptyValuesAndPlaceholdersMeanAbsent(value: String) throws {
        let event = try Samples.parse(Samples.get("/callback?id=p:0&status=sent&ref1=\(value)&price=\(value)"))
        #expect(event.ref1 == nil)
        #expect(event.price == nil)
    }

    @Test func percentDecodingFollowsTheFormRules() throws {
        let event = try Samples.parse(
            Samples.get("/callback?id=d:0&status=sent&message=50%+off+%E2%9C%93&ref=a%2Bb&ref1=%zz&ref2=%FF"))
        #expect(event.message == "50% off ✓")
        #expect(event.ref == "a+b")
        #expect(event.ref1 == "%zz")
        #expect(event.ref2 == "\u{FFFD}")
    }

    @Test func valuesAreTrimmedRepairedAndTheLastOfARepeatedFieldWins() throws {
        let event = try Samples.parse(
            Samples.get(
                "/callback?id=r:0&status=sent&message=first+long+message&message=%20%09second%0A&error=a%E2%9Cb"
                    + "&mobile=919&phone_number=919&ref=%20x%20&ref=<ref>"))
        #expect(event.message == "second")
        #expect(event.error == "a\u{FFFD}b")
        #expect(event.mobile == "919" && event.phoneNumber == "919")
        #expect(event.ref == nil)
    }

    @Test(arguments: [
        ("1710000042", Int64(1_710_000_042_000)), ("1710000042123", 1_710_000_042_123),
        ("1710000042.5", 1_710_000_042_500),
    ])
    func timestampsAreSecondsOrClearlyMilliseconds(text: String, milliseconds: Int64) throws {
        let event = try Samples.parse(Samples.get("/callback?id=t:0&status=sent&timestamp=\(text)"))
        #expect(event.timestamp?.milliseconds == milliseconds)
    }

    @Test(arguments: [
        (Samples.get("/callback?status=sent"), RejectionReason.missingID),
        (Samples.get("/callback?id=%3Cid%3E&status=sent"), .missingID),
        (Samples.get("/callback?id=x:0"), .missingStatus),
        (Samples.get("/callback?id=x:0&status=<status>"), .missingStatus),
        (Samples.get("/callback?id=x:0&status=sent&price=abc"), .invalidPrice),
        (Samples.get("/callback?id=x:0&status=sent&price=1e3"), .invalidPrice),
        (Samples.get("/callback?id=x:0&status=sent&price=-0.01"), .invalidPrice),
        (Samples.get("/callback?id=x:0&status=sent&price=0.0000000001"), .invalidPrice),
        (Samples.get("/callback?id=x:0&status=sent&timestamp=yesterday"), .invalidTimestamp),
        (Samples.get("/callback"), .noFields),
        (Samples.post("{bad"), .malformedBody),
        (Samples.post(#"{"id":"x:0","status":"sent""#), .malformedBody),
        (Samples.post("[1,2]"), .malformedBody),
        (Samples.post("42", contentType: "application/json"), .malformedBody),
        (Samples.post("just some text"), .malformedBody),
        (Samples.post(#"{"id":{"nested":true},"status":"sent"}"#), .malformedBody),
        (Samples.post(String(repeating: "[", count: 100_000)), .malformedBody),
    ])
    func invalidInputIsRejectedWithItsReason(request: RawRequest, reason: RejectionReason) {
        #expect(throws: CallbackRejection.self) { try Samples.parse(request) }
        do {
            _ = try Samples.parse(request)
        } catch {
            #expect(error.reason == reason)
            #expect(!error.message.isEmpty && !error.message.contains("\n"))
        }
    }

    @Test func rejectionMessagesNameTheBadValue() {
        do {
            _ = try Samples.parse(Samples.get("/callback?id=x:0&status=sent&price=12abc"))
            Issue.record("expected a rejection")
        } catch {
            #expect(error.message == #"price "12abc" is not a plain decimal number"#)
        }
    }

    @Test func unknownJSONObjectsOutsideTheCallbackFieldsAreIgnored() throws {
        let event = try Samples.parse(Samples.post(#"{"id":"x:0","status":"sent","extra":{"deep":[1,2]}}"#))
        #expect(event.id == "x:0")
    }
}
