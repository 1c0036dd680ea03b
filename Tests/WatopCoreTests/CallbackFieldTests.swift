import Foundation
import Testing
@testable import WatopCore

@Suite struct CallbackFieldTests {
    @Test func everyWireNameIsRecognisedAndNothingElse() {
        for field in CallbackField.allCases {
            #expect(CallbackField(wireName: field.key) == field)
        }
        for name in ["", "i", "ID", "idx", "ref3", "refs", "statuz", "price ", "whatsapp_numbers", "error-code"] {
            #expect(CallbackField(wireName: name) == nil, "\(name)")
        }
    }
}
