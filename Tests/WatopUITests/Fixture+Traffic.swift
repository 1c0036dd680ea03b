import WatopCore

extension Fixture {
    /// A day of traffic ending at `now`, for the Rates chart: a callback every 20 seconds with
    /// a few failures, a silent hour 14 hours ago, half an hour failing 6 hours ago, a busier
    /// last hour, and over the last 5 minutes a few a second in waves with a burst of failures
    /// from 3 to 2 minutes ago.
    static func makeTrafficStore() -> EventStore {
        let store = EventStore(capacity: 20_000, startedAt: ago(86_400))
        let usual: [DeliveryStatus] = [.sent, .delivered, .read, .sent, .delivered, .delivered, .read, .sent]
        var number = 0
        func record(_ secondsAgo: Int64, failing: Bool) {
            number += 1
            let status = failing ? DeliveryStatus.failed : usual[number % usual.count]
            store.record(
                CallbackEvent(
                    receivedAt: ago(secondsAgo), transport: .query, id: "t\(number):0", status: status,
                    whatsappNumber: number % 3 == 0 ? "918000000002" : "918000000001", errorCode: failing ? "131026" : nil))
        }
        for secondsAgo in stride(from: Int64(86_399), to: 3600, by: -20) where !(50_400..<54_000).contains(secondsAgo) {
            let failing = (21_600..<23_400).contains(secondsAgo) ? secondsAgo % 40 < 20 : secondsAgo % 620 == 0
            record(secondsAgo, failing: failing)
        }
        for secondsAgo in stride(from: Int64(3600), to: 300, by: -4) { record(secondsAgo, failing: secondsAgo % 100 == 0) }
        for secondsAgo in stride(from: Int64(300), to: 0, by: -1) {
            let wave = Int(3 + 2 * (secondsAgo % 40 < 20 ? secondsAgo % 20 : 20 - secondsAgo % 20) / 5)
            for index in 0..<wave {
                record(secondsAgo, failing: (120..<180).contains(secondsAgo) ? index % 2 == 0 : secondsAgo % 37 == 0 && index == 0)
            }
        }
        return store
    }
}
