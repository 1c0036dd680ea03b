import WatopCore

/// Everything that can change the dashboard's state: keys (through the key table) and
/// what the terminal backend observes (new data, a resize, the open event's details).
public enum Action: Sendable {
    /// A newer snapshot of the store, taken at `at`: a paused screen measures its rates then.
    case refresh(StoreSnapshot, at: UnixTime)
    /// What the store knows now of the event whose detail view is open: its message's
    /// lifecycle, the request it came in while that is still kept, and what became of that
    /// request at the app when watop forwards.
    case showDetails(lifecycle: MessageLifecycle?, request: RawRequest?, forward: ForwardRecord?)

    /// `showDetails` with what `store` knows now of `event`.
    public static func showDetails(of event: CallbackEvent, from store: EventStore) -> Action {
        .showDetails(
            lifecycle: store.lifecycle(of: event.id), request: store.request(of: event.sequence),
            forward: store.forwardRecord(of: event.sequence))
    }
    case resize(TerminalSize)
    /// News from outside the keyboard, for the footer until the next key.
    case notify(String)
    /// In the detail view: copy the request as a `curl` command.
    case copyAsCurl
    /// The terminal backend made the command and tried the clipboard: show it to copy by hand.
    case showCopy(String)
    /// In the detail view: ask before resending the request to the app.
    case askResend
    /// The answer to that question.
    case confirmResend(Bool)
    /// The terminal backend has carried out the effect the state asked for.
    case effectTaken
    case quit
    case togglePause
    /// Moves the selection, or scrolls the view or help overlay that is open.
    case move(Movement)
    /// Opens the selected event's detail: the buffer's, or the history's in the History view.
    case openDetail
    case closeDetail
    /// Opens or closes the History view: the events the history database keeps.
    case toggleHistory
    /// The answer to the history read numbered `number`: a page of events, or why there is none.
    case historyPage(number: Int, Result<[StoredEvent], HistoryError>)
    /// What the history keeps of a stored event, for its detail while that is open, or why it
    /// cannot be read.
    case storedDetails(of: StoredEvent, Result<StoredDetails, HistoryError>)
    /// Opens or closes the view of refused requests.
    case toggleRejections
    /// Opens or closes the view of notices.
    case toggleNotices
    /// Opens or closes the view of alert rules.
    case toggleAlerts
    /// Opens or closes the view of stuck messages.
    case toggleStuck
    /// Opens or closes the view of delivery latencies.
    case toggleLatency
    /// The latencies over the chart's window, read from the store while the view is open.
    case showLatencies(DeliveryLatencies)
    /// Where each alert rule stands, as of the last check.
    case alerts([AlertStatus])
    /// How far the history database is behind the journal (`--store`), read once a second.
    case history(HistoryProgress)
    /// Each receiver of a fleet and the database's state (`watop attach`), read once a second.
    case fleet(FleetStatus)
    /// Opens or closes the Breakdown.
    case toggleBreakdown
    /// Groups the Breakdown by its next key.
    case cycleBreakdownKey
    /// Filters the events to the Breakdown's selected group, and closes it.
    case filterBreakdownGroup
    /// Filters the list to the requests the app refused for good (`fwd:dead`).
    case showDeadLetters
    case toggleHelp
    case focusNext
    case focusPrevious
    case cycleSort
    /// Switches to the next color theme.
    case cycleTheme
    /// Shows the Rates chart over the next window: 5 minutes, an hour, a day.
    case cycleRateWindow
    /// Moves the Rates chart's cursor a column back (-1) or on (1), focusing the chart.
    case moveRateCursor(Int)
    /// ← or → (-1 or 1): moves the cursor of the focused panel that has one, the Rates chart.
    case sideways(Int)
    case beginFilter
    case editFilter(FilterEdit)
    /// Closes the prompt keeping the filter, unless the text does not compile.
    case commitFilter
    /// Closes the prompt and removes the filter.
    case clearFilter
}

/// A step through a list.
public enum Movement: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom

    /// The row a selection at `row` moves to, before it is kept within the rows (`last` the
    /// index of the last one).
    func target(from row: Int, page: Int, last: Int) -> Int {
        switch self {
        case .up: row - 1
        case .down: row + 1
        case .pageUp: row - page
        case .pageDown: row + page
        case .top: 0
        case .bottom: last
        }
    }
}

/// An edit of the filter prompt's text.
public enum FilterEdit: Sendable, Equatable {
    case insert(Character)
    case deleteBackward
    case deleteAll
}

/// Which keys apply: the view on top decides.
public enum InputMode: String, Sendable, CaseIterable {
    case dashboard
    case filterPrompt
    case detail
    /// Why requests were refused, and the last of each reason.
    case rejections
    /// What the providers said about the account: templates, quality, alerts, stray errors.
    case notices
    /// The alert rules, their state and last change.
    case alerts
    /// Messages silent in a pending status, by number and age.
    case stuck
    /// Sent→delivered and delivered→read percentiles, overall and by number.
    case latency
    /// Messages grouped by ref, pricing, country, error code or provider.
    case breakdown
    /// The events the history database keeps, paged back from the newest or the buffer's oldest.
    case history
    /// One event of the history: every field, its request as kept, its lifecycle.
    case storedDetail
    /// A yes/no question on the footer line (resend this request?).
    case confirm
    case help
}

/// Something the state asks the terminal backend to do, which a pure reducer cannot.
public enum Effect: Sendable {
    /// Put the request on the clipboard as a `curl` command.
    case copy(RawRequest)
    /// Send the request to the app again; its outcome joins the event's Forwarded section.
    case resend(RawRequest, sequence: UInt64)
    /// Read a page of the history; the answer comes back as `.historyPage`.
    case readHistory(HistoryQuery)
    /// Read what the history keeps of a stored event; the answer comes back as `.storedDetails`.
    case readStoredDetails(StoredEvent)
}
