import Testing
import WatopCore

@Suite struct ASCIITests {
    @Test func digitsAreTheTenDecimalDigitsOnly() {
        let digits = (0...255).map(UInt8.init).filter(ASCII.isDigit)
        #expect(digits == Array(UInt8(ascii: "0")...UInt8(ascii: "9")))
        #expect(ASCII.digitValue(UInt8(ascii: "7")) == 7)
        #expect(ASCII.digitValue(UInt8(ascii: "a")) == nil)
    }

    @Test func hexValuesReadEitherCaseAndWriteLowercase() {
        #expect(ASCII.hexValue(UInt8(ascii: "F")) == 15)
        #expect(ASCII.hexValue(UInt8(ascii: "b")) == 11)
        #expect(ASCII.hexValue(UInt8(ascii: "g")) == nil)
        #expect((0...15).map { ASCII.hexDigit(UInt8($0)) } == Array("0123456789abcdef".utf8))
    }

    @Test func lowercasingLeavesAllButCapitalLettersAlone() {
        #expect(Array("Read-ÉZ@[".utf8).map(ASCII.lowercased) == Array("read-Éz@[".utf8))
    }
}
