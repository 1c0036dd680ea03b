import Foundation
import Testing

@testable import WatopPostgres

@Suite struct CopyRowsTests {
    private func text(of rows: CopyRows) -> String {
        String(decoding: rows.buffer.readableBytesView, as: UTF8.self)
    }

    @Test func valuesAreApartByTabsWithNullAsBackslashN() {
        var rows = CopyRows()
        rows.integer(42)
        rows.text("plain")
        rows.null()
        rows.integer(nil)
        rows.endRow()
        rows.text("second")
        rows.endRow()
        #expect(text(of: rows) == "42\tplain\t\\N\t\\N\nsecond\n")
    }

    @Test func charactersThatWouldBreakARowAreEscaped() {
        var rows = CopyRows()
        rows.text("a\tb\nc\rd\\e")
        rows.endRow()
        #expect(text(of: rows) == "a\\tb\\nc\\rd\\\\e\n")
    }

    @Test func textPostgreSQLCantHoldIsRepairedNotRefused() {
        var rows = CopyRows()
        rows.text("nul\u{0}here")
        let invalid: [UInt8] = [0x6F, 0x6B, 0xFF, 0xC3]
        invalid.withUnsafeBufferPointer { rows.text(bytes: $0) }
        rows.text("héllo ✓")
        rows.endRow()
        #expect(text(of: rows) == "nul\u{FFFD}here\tok\u{FFFD}\u{FFFD}\théllo ✓\n")
    }

    @Test func bytesAreWrittenInByteaHexForm() {
        var rows = CopyRows()
        let body: [UInt8] = [0x00, 0x7F, 0xAB]
        body.withUnsafeBufferPointer { rows.bytes($0) }
        [UInt8]().withUnsafeBufferPointer { rows.bytes($0) }
        rows.endRow()
        #expect(text(of: rows) == "\\\\x007fab\t\\N\n")
    }

    @Test func aBodyLargerThanTheBufferIsWrittenWhole() {
        var rows = CopyRows()
        let body = (0..<40_000).map { UInt8(truncatingIfNeeded: $0) }
        body.withUnsafeBufferPointer { rows.bytes($0) }
        let hex = body.map { String(format: "%02x", $0) }.joined()
        #expect(text(of: rows) == "\\\\x" + hex)
    }
}
