import WatopCore

/// What one frame needs besides the state: the clock and the configuration on display.
public struct Frame: Sendable {
    public var now: UnixTime
    /// The URL to paste into Kaleyra's callback profile.
    public var callbackURL: String

    public init(now: UnixTime, callbackURL: String) {
        self.now = now
        self.callbackURL = callbackURL
    }
}
