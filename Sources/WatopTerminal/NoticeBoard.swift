import NIOConcurrencyHelpers

/// Messages other threads leave for the dashboard, which takes them at its next frame.
public final class NoticeBoard: Sendable {
    private let pending = NIOLockedValueBox<[String]>([])

    public init() {}

    public func post(_ text: String) {
        pending.withLockedValue { $0.append(text) }
    }

    func take() -> [String] {
        pending.withLockedValue { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
