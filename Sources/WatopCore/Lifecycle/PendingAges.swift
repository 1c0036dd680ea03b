/// The messages still pending (queued, sent …), counted by WhatsApp number and by when watop last
/// heard of them, in `step`-second steps: how many have been silent for longer than an age is
/// a sum over these counts, never a walk of the message table.
struct PendingAges: Sendable {
    /// Seconds per step: a message counts as silent for an age give or take this much.
    static let step: UInt32 = 10

    /// Per number index, pending messages per step of their last callback.
    private var byNumber: [UInt32: [UInt32: Int]] = [:]

    mutating func add(number: UInt32, lastSeen: UInt32) {
        byNumber[number, default: [:]][lastSeen / Self.step, default: 0] += 1
    }

    mutating func remove(number: UInt32, lastSeen: UInt32) {
        let step = lastSeen / Self.step
        guard let count = byNumber[number]?[step] else { return }
        byNumber[number]![step] = count > 1 ? count - 1 : nil
        if byNumber[number]!.isEmpty { byNumber[number] = nil }
    }

    /// The pending messages last heard of before `now - after` seconds, by number and age.
    func stuck(now: UInt32, after: UInt32, numbers: [String: UInt32]) -> StuckMessages {
        let cutoff = now >= after ? (now - after) / Self.step : 0
        let names = Dictionary(uniqueKeysWithValues: numbers.map { ($0.value, $0.key) })
        var groups: [StuckMessages.Group] = []
        for (number, steps) in byNumber {
            var group = StuckMessages.Group(number: names[number] ?? Aggregates.unknownWhatsAppNumber)
            for (step, count) in steps where step < cutoff {
                let age = now - min(now, step * Self.step)
                group.add(count, age: age)
            }
            if group.total > 0 { groups.append(group) }
        }
        return StuckMessages(afterSeconds: Int64(after), groups: groups)
    }
}
