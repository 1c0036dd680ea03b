import WatopCore

/// What one frame needs besides the state: the clock and the configuration on display.
public struct Frame: Sendable {
    public var now: UnixTime
    /// The URL to paste into Kaleyra's callback profile.
    public var callbackURL: String
    /// A standing warning for the header (a listener open to the network without credentials).
    public var warning: String?

    public init(now: UnixTime, callbackURL: String, warning: String? = nil) {
        self.now = now
        self.callbackURL = callbackURL
        self.warning = warning
    }
}
