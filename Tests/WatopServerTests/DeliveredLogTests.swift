import Foundation
import Testing

@testable import WatopServer

@Suite struct DeliveredLogTests {
    @Test func aStartGoesOnFromTheWatermarkSkippingWhatWasSettledAfterIt() throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("watop-log-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: journal + ".delivered") }
        // Without a log, queue mode starts at the journal's end: older lines are not sent.
        var log = try DeliveredLog(journalPath: journal, journalEnd: 500)
        #expect(log.isSettled(499) && !log.isSettled(500))
        log.delivered(700)
        log.setAside(600, status: 404)
        log.advance(to: 600)
        log.close()
        var reopened = try DeliveredLog(journalPath: journal, journalEnd: 10_000)
        defer { reopened.close() }
        #expect(reopened.watermark == 600)
        #expect(reopened.isSettled(599) && reopened.isSettled(600) && reopened.isSettled(700))
        #expect(!reopened.isSettled(650) && !reopened.isSettled(800))
        // The file is rewritten short at each start.
        let text = try String(contentsOfFile: journal + ".delivered", encoding: .utf8)
        #expect(text == "w 600\nd 600\nd 700\n")
    }

    @Test func whatWasSettledSinceTheLastFlushIsSentAgainAfterACrash() throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("watop-log-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: journal + ".delivered") }
        var log = try DeliveredLog(journalPath: journal, journalEnd: 0)
        log.delivered(100)
        log.flush()
        log.delivered(200)
        // A crash now: the second line was never written, so that request counts as undelivered.
        var afterCrash = try DeliveredLog(journalPath: journal, journalEnd: 10_000)
        defer { afterCrash.close() }
        #expect(afterCrash.isSettled(100))
        #expect(!afterCrash.isSettled(200))
        log.close()
    }
}
