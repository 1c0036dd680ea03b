import Testing
@testable import WatopCore

@Suite struct ReportedPriceTests {
    @Test func sumsAreExactWhereBinaryFloatingPointIsNot() {
        let sum = ["0.1", "0.2"].compactMap { ReportedPrice(parsing: $0) }.reduce(.zero, +)
        #expect(sum == ReportedPrice(parsing: "0.3"))
        #expect(sum.formatted() == "0.30")
    }

    @Test func aMillionCentsAddUpToTenThousandExactly() {
        var total = ReportedPrice.zero
        let cent = ReportedPrice(parsing: "0.01")!
        for _ in 0..<1_000_000 { total += cent }
        #expect(total.formatted() == "10000.00")
    }

    @Test(arguments: [
        ("0.01", "0.01"), ("12", "12.00"), (".5", "0.50"), ("0.0085", "0.0085"), ("000.100", "0.10"),
        ("123456789.123456789", "123456789.123456789"),
    ])
    func formatsTheExactValue(text: String, formatted: String) {
        #expect(ReportedPrice(parsing: text)?.formatted() == formatted)
    }

    @Test(arguments: ["", ".", "1.2.3", "-1", "+1", "1e2", "0x10", "1,5", " 1", "1234567890123456789"])
    func refusesAnythingButAPlainDecimal(text: String) {
        #expect(ReportedPrice(parsing: text) == nil)
    }

    @Test func unitsAreTheAmountAsADoubleBeyondSixtyFourBitsToo() {
        #expect(ReportedPrice(parsing: "0.0085")!.units == 0.0085)
        #expect(ReportedPrice(parsing: "123456789.5")!.units == 123456789.5)
        let huge = ReportedPrice(nanos: Int128(Int64.max) * 4)
        #expect(huge.units == Double(Int64.max) * 4 / 1e9)
    }

    @Test func averageTruncatesToNanoUnits() {
        #expect(ReportedPrice(parsing: "1")!.divided(by: 3).formatted() == "0.333333333")
        #expect(ReportedPrice(parsing: "1")!.divided(by: 0) == .zero)
    }

    @Test(arguments: [("0.243932291", "0.2439"), ("0.00005", "0.0001"), ("0.00004999", "0.0000"), ("2", "2.0000")])
    func roundsHalfAwayFromZeroForDisplay(text: String, rounded: String) {
        #expect(ReportedPrice(parsing: text)!.rounded(fractionDigits: 4).formatted(minimumFractionDigits: 4) == rounded)
    }
}
