/// Where each receiver of a fleet stands, as `watop attach` sees it in the shared database.
public struct FleetStatus: Sendable, Equatable {
    public struct Receiver: Sendable, Equatable {
        public var name: String
        /// Events it wrote over the last minute, per second.
        public var eventsPerSecond: Double
        /// When it last wrote a batch; nil when it never has.
        public var lastWrittenAt: UnixTime?

        public init(name: String, eventsPerSecond: Double, lastWrittenAt: UnixTime?) {
            self.name = name
            self.eventsPerSecond = eventsPerSecond
            self.lastWrittenAt = lastWrittenAt
        }

        /// A receiver that has written nothing for this long is shown as silent: it has
        /// stopped, lost its database, or gets no traffic.
        public static let silentAfterSeconds: Int64 = 120

        public func isSilent(at now: UnixTime) -> Bool {
            guard let lastWrittenAt else { return true }
            return now.milliseconds - lastWrittenAt.milliseconds > Self.silentAfterSeconds * 1000
        }
    }

    public var receivers: [Receiver] = []
    /// Since when the database can't be reached, while it can't; and why.
    public var unreachableSince: UnixTime?
    public var problem: String?
    /// Events read from the database since attaching.
    public var eventsRead = 0
    /// Whether the events the tables held at attach time have all been read.
    public var loaded = false

    public init() {}
}
