import Testing

@testable import WatopServer

@Suite struct AnswerQueueTests {
    @Test func answersWaitBehindOneNotYetDecidedAndLeaveInRequestOrder() {
        var queue = AnswerQueue<String>(limit: 8)
        var written: [String] = []
        let first = queue.waitForAnswer(closing: false)
        queue.append("2", closing: false) { written.append($0.bytes) }
        let third = queue.waitForAnswer(closing: false)
        queue.append("4", closing: false) { written.append($0.bytes) }
        #expect(written.isEmpty)
        // Decided out of order: the third waits for the first.
        queue.answer(third, with: "3") { written.append($0.bytes) }
        #expect(written.isEmpty)
        queue.answer(first, with: "1") { written.append($0.bytes) }
        #expect(written == ["1", "2", "3", "4"])
        #expect(queue.isEmpty)
    }

    @Test func nothingIsWrittenAfterAnAnswerThatCloses() {
        var queue = AnswerQueue<String>(limit: 8)
        var written: [(String, Bool)] = []
        let closing = queue.waitForAnswer(closing: true)
        queue.append("after", closing: false) { written.append(($0.bytes, $0.closing)) }
        queue.answer(closing, with: "last") { written.append(($0.bytes, $0.closing)) }
        #expect(written.map(\.0) == ["last"])
        #expect(written.map(\.1) == [true])
        #expect(queue.isEmpty)
    }

    @Test func theQueueIsFullAtItsLimitAndHasRoomAgainOnceAnswered() {
        var queue = AnswerQueue<Int>(limit: 3)
        let tickets = (0..<3).map { _ in queue.waitForAnswer(closing: false) }
        #expect(queue.isFull)
        var written: [Int] = []
        queue.answer(tickets[0], with: 0) { written.append($0.bytes) }
        #expect(!queue.isFull)
        #expect(written == [0])
        // A ticket answered twice, or one already written, changes nothing.
        queue.answer(tickets[0], with: 9) { written.append($0.bytes) }
        #expect(written == [0])
    }
}
