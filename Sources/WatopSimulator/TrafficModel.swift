import HeapModule
import WatopCore

/// Generates realistic Kaleyra callback traffic: each message goes through a lifecycle
/// (sent → delivered → read, or a failure with a real error code, or not-sent) with
/// realistic delays, occasional out-of-order and duplicate callbacks, prices on a share of
/// delivered callbacks. Deterministic for a given profile and seed.
///
/// Time is simulated: each callback advances the clock by `secondsPerCallback`, so at
/// `--rate N` the simulated delays are real delays, and at full speed lifecycles still interleave.
public struct TrafficModel: Sendable {
    private struct Pending: Comparable {
        var due: Double
        var order: Int
        var callback: SimulatedCallback

        static func < (lhs: Pending, rhs: Pending) -> Bool { (lhs.due, lhs.order) < (rhs.due, rhs.order) }
        static func == (lhs: Pending, rhs: Pending) -> Bool { lhs.due == rhs.due && lhs.order == rhs.order }
    }

    private let profile: TrafficProfile
    private let secondsPerCallback: Double
    private let startSeconds: Int64
    private let senders: [String]
    private var random: SeededRandom
    private var pending = Heap<Pending>()
    private var clock = 0.0
    private var scheduled = 0

    /// Failure codes Meta returns most, weighted by how often they are seen.
    static let failureCodes = [
        "131047", "131047", "131047", "131026", "131026", "131049", "131048", "131056", "130472", "132001",
        "131051", "132015",
    ]
    /// Kaleyra's own reasons for never passing a message on.
    static let notSentCodes = ["E110", "WAV2101", "WA400"]
    /// The `error` text providers send with each code: terser than the catalogue's meanings.
    static let errorTexts = [
        "131047": "Re-engagement message", "131026": "Message undeliverable",
        "131049": "This message was not delivered to maintain healthy ecosystem engagement.",
        "131048": "Spam rate limit hit", "131056": "(Business Account, Consumer Account) pair rate limit hit",
        "130472": "User's number is part of an experiment", "132001": "Template name does not exist in the translation",
        "131051": "Unsupported message type", "132015": "Template is Paused", "E110": "Insufficient balance",
        "WAV2101": "Daily messaging limit reached", "WA400": "Invalid request payload",
    ]
    static let prices = ["0.01", "0.1150", "0.7846", "0.3500", "0.0085"]

    public init(profile: TrafficProfile, callbacksPerSecond: Double, start: UnixTime) {
        self.profile = profile
        secondsPerCallback = 1 / max(callbacksPerSecond, 1)
        startSeconds = start.seconds
        var random = SeededRandom(seed: profile.seed)
        senders = (0..<max(1, profile.senders)).map { _ in "9180" + Self.digits(8, using: &random) }
        self.random = random
    }

    /// The next callback to send.
    public mutating func next() -> SimulatedCallback {
        clock += secondsPerCallback
        if let first = pending.min, first.due <= clock {
            return pending.removeMin().callback
        }
        startMessage()
        return pending.removeMin().callback
    }

    private mutating func startMessage() {
        let id = Self.uuid(using: &random) + ":0"
        let sender = senders[Int.random(in: 0..<senders.count, using: &random)]
        let recipient = "9198" + String(10_000_000 + Int.random(in: 0..<max(1, profile.recipients), using: &random))
        let refs = (
            random.chance(0.4) ? "campaign-\(Int.random(in: 1...12, using: &random))" : nil,
            random.chance(0.2) ? "order-\(Self.digits(6, using: &random))" : nil,
            random.chance(0.05) ? "batch \(Int.random(in: 1...3, using: &random))" : nil
        )
        let message = MessagePlan(id: id, sender: sender, recipient: recipient, refs: refs)
        var steps: [(status: String, delay: Double, code: String?)] = []
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < profile.notSentRate {
            steps = [("not-sent", 0, Self.notSentCodes.randomElement(using: &random))]
        } else if roll < profile.notSentRate + profile.failureRate {
            let code = Self.failureCodes.randomElement(using: &random)
            steps = random.chance(0.7)
                ? [("sent", 0, nil), ("failed", Double.random(in: 0.3...3, using: &random), code)]
                : [("failed", 0, code)]
        } else {
            let delivered = Double.random(in: 0.3...4, using: &random)
            steps = [("sent", 0, nil), ("delivered", delivered, nil)]
            if random.chance(0.65) { steps.append(("read", delivered + Double.random(in: 1...40, using: &random), nil)) }
        }
        // Meta sometimes reports the second status before the first.
        if steps.count > 1, random.chance(profile.outOfOrderRate) {
            steps[0].delay = steps[1].delay + 0.2
            steps[1].delay = 0
        }
        for step in steps {
            let callback = callback(for: message, status: step.status, code: step.code, at: clock + step.delay)
            schedule(callback, at: clock + step.delay)
            if random.chance(profile.duplicateRate) {
                schedule(callback, at: clock + step.delay + Double.random(in: 0.05...1, using: &random))
            }
        }
    }

    private mutating func schedule(_ callback: SimulatedCallback, at due: Double) {
        scheduled += 1
        pending.insert(Pending(due: due, order: scheduled, callback: callback))
    }

    private mutating func callback(for message: MessagePlan, status: String, code: String?, at time: Double)
        -> SimulatedCallback
    {
        let price = status == "delivered" && random.chance(profile.pricedRate)
            ? Self.prices.randomElement(using: &random) : nil
        let usesPOST: Bool
        switch profile.method {
        case .get: usesPOST = false
        case .post: usesPOST = true
        case .mixed: usesPOST = random.chance(0.5)
        }
        let text: String
        switch status {
        case "failed", "not-sent": text = "Message \(status == "failed" ? "failed" : "not sent")"
        default: text = "Message \(status)"
        }
        return SimulatedCallback(
            fields: [
                (.id, message.id), (.customResponse, "false"), (.timestamp, String(startSeconds + Int64(time))),
                (.mobile, message.recipient), (.message, text), (.status, status),
                (.phoneNumber, message.recipient), (.error, code.flatMap { Self.errorTexts[$0] }),
                (.errorCode, code), (.ref, message.refs.0), (.ref1, message.refs.1), (.ref2, message.refs.2),
                (.price, price), (.whatsappNumber, message.sender),
            ],
            usesPOST: usesPOST, leavesPlaceholders: random.chance(0.1))
    }

    private struct MessagePlan {
        var id: String
        var sender: String
        var recipient: String
        var refs: (String?, String?, String?)
    }

    /// A version-4 UUID in Kaleyra's lowercase form.
    static func uuid(using random: inout SeededRandom) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }

    static func digits(_ count: Int, using random: inout SeededRandom) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
    }
}
