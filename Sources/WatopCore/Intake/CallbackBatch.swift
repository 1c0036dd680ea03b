/// What one request carried: usually one event, but a Meta or Kaleyra v2 webhook may hold
/// several statuses and inbound messages. Items that cannot be read are listed with the reason
/// instead of failing the request, so that one bad item never loses the good ones.
public struct CallbackBatch: Sendable {
    public var format: CallbackFormat
    /// The request, as it came: shown by the inspector and written to the journal.
    public var request: RawRequest?
    /// Accepted events in the order the request lists them.
    public var events: CallbackEvents
    /// Items of the request that were refused, each with the reason and where it was.
    public var rejectedItems: [CallbackRejection] = []
    /// Tolerated departures from the format, at most one entry per kind.
    public var quirks: [ParsingQuirk] = []
    /// Parts of a webhook that are not message statuses or messages (another webhook field):
    /// acknowledged and counted, not shown.
    public var ignoredChanges = 0
    /// What the webhook said about the account rather than about one message.
    public var notices: [Notice] = []

    public init(format: CallbackFormat, request: RawRequest? = nil, events: CallbackEvents = CallbackEvents()) {
        self.format = format
        self.request = request
        self.events = events
    }
}
