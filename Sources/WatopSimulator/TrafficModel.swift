import HeapModule
import WatopCore

/// Generates realistic WhatsApp status callback traffic: each message goes through a lifecycle
/// (sent → delivered → read, or a failure with a real error code of its provider, or never
/// passed on, or left in sent) with realistic delays, occasional out-of-order and duplicate callbacks, in the
/// format of the provider that sends it. Deterministic for a given profile and seed.
///
/// Time is simulated: each request advances the clock by `secondsPerCallback`, so at
/// `--rate N` the simulated delays are real delays, and at full speed lifecycles still interleave.
public struct TrafficModel: Sendable {
    /// What falls due: a request rendered when its status was planned, or a Meta status, which
    /// is put into a webhook only when it falls due, together with the statuses due with it.
    private enum Due {
        case request(SimulatedRequest)
        case metaStatus(StatusUpdate)
    }

    private struct Pending: Comparable {
        var due: Double
        var order: Int
        var item: Due

        static func < (lhs: Pending, rhs: Pending) -> Bool { (lhs.due, lhs.order) < (rhs.due, rhs.order) }
        static func == (lhs: Pending, rhs: Pending) -> Bool { lhs.due == rhs.due && lhs.order == rhs.order }
    }

    private typealias Step = (status: String, delay: Double, code: String?)

    private let profile: TrafficProfile
    private let secondsPerCallback: Double
    private let startSeconds: Int64
    private let whatsappNumbers: [String]
    private let accounts: ProviderAccounts
    private var random: SeededRandom
    private var pending = Heap<Pending>()
    private var clock = 0.0
    private var scheduled = 0
    /// Requests made so far.
    private var requests = 0

    /// Meta gathers the statuses of one number that fall due within about a second into one webhook.
    static let metaBatchWindow = 1.0
    static let largestMetaBatch = 4
    /// How many due items a Meta webhook looks through for statuses of its number, so that a
    /// fast simulation never scans its whole backlog for every request.
    static let metaBatchLookahead = 32
    /// One request in this many is a notice, when Meta is among the formats.
    static let requestsPerNotice = 400
    /// Share of Meta webhooks that also carry a message from a customer.
    static let inboundShare = 0.05

    public init(profile: TrafficProfile, callbacksPerSecond: Double, start: UnixTime) {
        self.profile = profile
        secondsPerCallback = 1 / max(callbacksPerSecond, 1)
        startSeconds = start.seconds
        var random = SeededRandom(seed: profile.seed)
        whatsappNumbers = (0..<max(1, profile.whatsappNumbers)).map { _ in "9180" + random.digits(8) }
        self.random = random
        accounts = ProviderAccounts(whatsappNumbers: whatsappNumbers, seed: profile.seed)
    }

    /// The next request to send.
    public mutating func next() -> SimulatedRequest {
        requests += 1
        // Now and then Meta speaks of the account rather than a message: a notice, drawn from
        // the count so that the traffic's random draws stay as they were.
        if profile.formats.contains(.meta), requests % Self.requestsPerNotice == 0 {
            let number = requests / Self.requestsPerNotice
            return MetaRendering.notice(number, whatsappNumber: whatsappNumbers[number % whatsappNumbers.count], accounts: accounts)
        }
        clock += secondsPerCallback
        if pending.min.map({ $0.due > clock }) ?? true { startMessage() }
        switch pending.removeMin().item {
        case .request(let request): return request
        case .metaStatus(let first): return metaWebhook(startingWith: first)
        }
    }

    private mutating func startMessage() {
        let format = profile.formats.count > 1
            ? profile.formats.randomElement(using: &random)! : profile.formats.first ?? .kaleyraV1
        // Kaleyra's ID is drawn first, as it always was, so that every seed's v1 traffic stays the same.
        let kaleyraID = format == .kaleyraV1 ? MessageIDs.kaleyra(using: &random) : nil
        let sender = whatsappNumbers[Int.random(in: 0..<whatsappNumbers.count, using: &random)]
        let recipient = "9198" + String(10_000_000 + Int.random(in: 0..<max(1, profile.recipients), using: &random))
        let refs = format.provider == "kaleyra"
            ? (
                random.chance(0.4) ? "campaign-\(Int.random(in: 1...12, using: &random))" : nil,
                random.chance(0.2) ? "order-\(random.digits(6))" : nil,
                random.chance(0.05) ? "batch \(Int.random(in: 1...3, using: &random))" : nil
            ) : (nil, nil, nil)
        let message = SimulatedMessage(
            format: format, id: kaleyraID ?? MessageIDs.make(for: format, customer: recipient, using: &random),
            sender: sender, recipient: recipient, refs: refs,
            conversation: format == .meta || format == .kaleyraV2 ? MetaConversation.random(using: &random) : nil)
        var steps = lifecycle(failures: ProviderFailures.of(format))
        // Twilio first reports a share of messages as queued, before it passes them to WhatsApp.
        if format == .twilio, random.chance(0.5) {
            let wait = Double.random(in: 0.05...0.5, using: &random)
            steps = [("queued", 0, nil)] + steps.map { ($0.status, $0.delay + wait, $0.code) }
        }
        steps = Self.withTodaysStatuses(steps, of: message)
        for step in steps {
            let update = StatusUpdate(
                message: message, status: step.status, code: step.code,
                timestamp: startSeconds + Int64(clock + step.delay))
            let item = due(update)
            schedule(item, at: clock + step.delay)
            if random.chance(profile.duplicateRate) {
                schedule(item, at: clock + step.delay + Double.random(in: 0.05...1, using: &random))
            }
        }
    }

    /// The statuses providers added to the older lifecycle: Twilio's `sending` before `sent` for
    /// a third of its messages, Meta's `played` after a voice message is read. Decided by the
    /// message id, so that the random draws of the traffic stay as they were.
    private static func withTodaysStatuses(_ steps: [Step], of message: SimulatedMessage) -> [Step] {
        switch message.format {
        case .twilio:
            guard message.id.utf8.last.map({ $0 % 3 == 0 }) == true, let sent = steps.firstIndex(where: { $0.status == "sent" })
            else { return steps }
            var steps = steps
            steps.insert(("sending", max(0, steps[sent].delay - 0.02), nil), at: sent)
            return steps
        case .meta, .kaleyraV2:
            guard MetaShape(of: message).isVoice, let read = steps.last(where: { $0.status == "read" }) else { return steps }
            return steps + [("played", read.delay + 3, nil)]
        case .kaleyraV1:
            return steps
        }
    }

    /// The statuses of one message with their delays from its start.
    private mutating func lifecycle(failures: ProviderFailures) -> [Step] {
        var steps: [Step]
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < profile.notSentRate {
            steps = [(failures.unsent.status, 0, failures.unsent.codes.randomElement(using: &random))]
        } else if roll < profile.notSentRate + profile.failureRate {
            let code = failures.undelivered.codes.randomElement(using: &random)
            steps = random.chance(0.7)
                ? [
                    ("sent", 0, nil),
                    (failures.undelivered.status, Double.random(in: 0.3...3, using: &random), code),
                ]
                : [("failed", 0, code)]
        } else if roll < profile.notSentRate + profile.failureRate + profile.stuckRate {
            steps = [("sent", 0, nil)]
        } else {
            let delivered = Double.random(in: 0.3...4, using: &random)
            steps = [("sent", 0, nil), ("delivered", delivered, nil)]
            if random.chance(0.65) { steps.append(("read", delivered + Double.random(in: 1...40, using: &random), nil)) }
        }
        // Providers sometimes report the second status before the first.
        if steps.count > 1, random.chance(profile.outOfOrderRate) {
            steps[0].delay = steps[1].delay + 0.2
            steps[1].delay = 0
        }
        return steps
    }

    /// Renders a status now, drawing what varies per callback in the order it is planned;
    /// except Meta's, which waits for the statuses it will share a webhook with.
    private mutating func due(_ update: StatusUpdate) -> Due {
        switch update.message.format {
        case .kaleyraV1: .request(KaleyraV1Rendering.request(for: update, profile: profile, using: &random))
        case .kaleyraV2: .request(KaleyraV2Rendering.request(for: update, accounts: accounts))
        case .twilio: .request(TwilioRendering.request(for: update, accounts: accounts))
        case .meta: .metaStatus(update)
        }
    }

    private mutating func schedule(_ item: Due, at due: Double) {
        scheduled += 1
        pending.insert(Pending(due: due, order: scheduled, item: item))
    }

    /// A Meta webhook holding `first` and up to a few more statuses of the same number due about
    /// now, sometimes with a customer's message. A duplicate comes in a webhook of its own.
    private mutating func metaWebhook(startingWith first: StatusUpdate) -> SimulatedRequest {
        let size = Int.random(in: 1...Self.largestMetaBatch, using: &random)
        var statuses = [first]
        var passedOver: [Pending] = []
        while statuses.count < size, passedOver.count < Self.metaBatchLookahead,
            let candidate = pending.min, candidate.due <= clock + Self.metaBatchWindow
        {
            _ = pending.removeMin()
            if case .metaStatus(let update) = candidate.item, update.message.sender == first.message.sender,
                !statuses.contains(where: update.repeats)
            {
                statuses.append(update)
            } else {
                passedOver.append(candidate)
            }
        }
        for item in passedOver { pending.insert(item) }
        let inbound = random.chance(Self.inboundShare)
            ? InboundMessage.reply(to: first.message, at: startSeconds + Int64(clock), using: &random) : nil
        return MetaRendering.request(statuses: statuses, inbound: inbound, accounts: accounts)
    }
}
