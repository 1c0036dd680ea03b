import NIOCore
import NIOHTTP1
import Testing

@testable import WatopServer

@Suite struct RequestReadingTests {
    private let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/callback")

    private func chunk(_ text: String) -> HTTPServerRequestPart {
        .body(ByteBuffer(string: text))
    }

    @Test func aCallbackIsCollectedInChunksAndHandedOverWholeAtItsEnd() {
        let budget = BodyBudget(limit: 100)
        var reading = RequestReading(maximumBodyBytes: 50, budget: budget)
        guard case .route = reading.read(.head(head)) else { Issue.record("a head is routed"); return }
        reading.collect(head)
        for part in ["{\"a\":", "1}"] {
            guard case .nothing = reading.read(chunk(part)) else { Issue.record("a chunk is kept"); return }
        }
        #expect(reading.reservedBytes == 7 && budget.inUse == 7)
        guard case .callback(let collected, let body) = reading.read(.end(nil)) else { Issue.record("the end hands the body over"); return }
        #expect(collected.uri == "/callback")
        #expect(body.map { String(buffer: $0) } == "{\"a\":1}")
        #expect(budget.inUse == 0)
        guard case .idle = reading.phase else { Issue.record("ready for the next request"); return }
    }

    @Test func aBodyPastTheLimitIsRefusedAndClosingGivesItsBudgetBack() {
        let budget = BodyBudget(limit: 100)
        var reading = RequestReading(maximumBodyBytes: 8, budget: budget)
        _ = reading.read(.head(head))
        reading.collect(head)
        _ = reading.read(chunk("12345"))
        guard case .tooLarge = reading.read(chunk("6789")) else { Issue.record("nine bytes pass a limit of eight"); return }
        #expect(budget.inUse == 5)
        reading.close()
        #expect(budget.inUse == 0 && reading.isClosing)
        // What the client still sends of the refused request is not a request of its own.
        guard case .nothing = reading.read(chunk("more")), case .nothing = reading.read(.end(nil)) else {
            Issue.record("the rest is ignored")
            return
        }
    }

    @Test func aSpentBudgetRefusesWithoutTakingAnything() {
        let budget = BodyBudget(limit: 10)
        #expect(budget.reserve(8))
        var reading = RequestReading(maximumBodyBytes: 50, budget: budget)
        _ = reading.read(.head(head))
        reading.collect(head)
        guard case .budgetSpent = reading.read(chunk("abc")) else { Issue.record("three bytes overspend two"); return }
        #expect(reading.reservedBytes == 0 && budget.inUse == 8)
    }

    @Test func aDiscardedRequestDropsItsBodyAndIsAnsweredAtItsEnd() {
        let budget = BodyBudget(limit: 100)
        var reading = RequestReading(maximumBodyBytes: 4, budget: budget)
        _ = reading.read(.head(head))
        reading.discard(head, answering: .refusal(.unauthorized, "no"))
        guard case .nothing = reading.read(chunk("a body far longer than the limit")) else { Issue.record("dropped"); return }
        #expect(budget.inUse == 0)
        guard case .answer(let answer, _) = reading.read(.end(nil)) else { Issue.record("answered at the end"); return }
        #expect(answer.status == .unauthorized)
    }

    @Test func partsOutOfOrderAreMalformed() {
        var reading = RequestReading(maximumBodyBytes: 50, budget: BodyBudget(limit: 100))
        guard case .malformed = reading.read(chunk("x")) else { Issue.record("a body before any head"); return }
        _ = reading.read(.head(head))
        reading.collect(head)
        guard case .malformed = reading.read(.head(head)) else { Issue.record("a head inside a body"); return }
    }

    @Test func aReadLeavesARequestUnfinishedMidBodyOrWhileAHeadIsStillArriving() {
        var reading = RequestReading(maximumBodyBytes: 50, budget: BodyBudget(limit: 100))
        var unfinished: [Bool] = []
        // A read that completed no part: the head is still arriving.
        unfinished.append(reading.readCompleted())
        _ = reading.read(.head(head))
        reading.collect(head)
        unfinished.append(reading.readCompleted())
        _ = reading.read(.end(nil))
        unfinished.append(reading.readCompleted())
        reading.close()
        unfinished.append(reading.readCompleted())
        #expect(unfinished == [true, true, false, false])
    }
}
