import WatopCore

/// The open History view: the events the history database keeps, newest first, read a page at
/// a time as the selection nears the end of what was read.
public struct HistoryState: Sendable {
    /// How many events a read asks for.
    static let pageSize = 100

    /// The filter the database applies, as it was when the view opened or the filter last changed.
    public let filter: EventFilter
    /// Where the view begins: nil from the newest event, else at the oldest one the buffer held.
    let start: HistoryCursor?
    /// The events read so far.
    public internal(set) var events: [StoredEvent] = []
    public internal(set) var end = HistoryEnd.loading
    /// The read under way; an answer to another one (asked before the filter changed) is dropped.
    var reading: HistoryQuery?
    var selectedRow = 0
    /// Where the selected row sits on screen, so that the list moves only at its edges.
    var selectionScreenRow = 0
    /// The stored event whose detail is open.
    public internal(set) var detail: StoredDetailState?

    /// Whether more receivers than one took the events read: then each row names its receiver.
    var showsReceivers: Bool { Set(events.map(\.receiverNumber)).count > 1 }

    init(filter: EventFilter, start: HistoryCursor?) {
        self.filter = filter
        self.start = start
    }

    /// The read of the page after the events read so far, numbered `number`.
    func nextQuery(number: Int) -> HistoryQuery {
        HistoryQuery(number: number, filter: filter, cursor: events.last?.cursor ?? start, limit: Self.pageSize)
    }
}

/// What lies past the last event read.
public enum HistoryEnd: Sendable, Equatable {
    /// More may: the next page is read when the selection nears the end.
    case more
    case loading
    /// The database holds no older event the filter admits.
    case reached
    /// The read failed: the database's words, or why it cannot search with the filter.
    case failed(String)
}

/// One read of a page of the history, for the terminal backend to carry out.
public struct HistoryQuery: Sendable {
    /// Tells an answer to this read from one to an older read.
    public let number: Int
    public let filter: EventFilter
    public let cursor: HistoryCursor?
    public let limit: Int
}

/// The open detail of a stored event: what the history kept of it, read when it opens.
public struct StoredDetailState: Sendable {
    public let stored: StoredEvent
    /// Nil until read.
    public internal(set) var kept: StoredDetails?
    var scroll = 0
}

/// What the history keeps about an event besides its fields.
public struct StoredDetails: Sendable {
    /// The request as kept; nil when retention removed it.
    public let request: StoredRequest?
    /// Every event of its message, oldest first, from every receiver.
    public let lifecycle: [StoredEvent]
    /// What became of its request at the app, when watop forwarded it.
    public let forward: ForwardOutcome?

    public init(request: StoredRequest?, lifecycle: [StoredEvent], forward: ForwardOutcome?) {
        self.request = request
        self.lifecycle = lifecycle
        self.forward = forward
    }
}
