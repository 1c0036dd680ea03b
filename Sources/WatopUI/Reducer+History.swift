import WatopCore

/// The History view's part of `reduce`: opening it, paging back, its filter, its detail.
extension UIState {
    /// `H`: opens the History view from the newest stored event, or says how to get one.
    mutating func toggleHistory() {
        guard historyView == nil else {
            historyView = nil
            return
        }
        guard readsHistory else {
            notice = "no history to page back into: start watop with --store PATH (or watop attach a fleet's database)"
            return
        }
        openHistory(from: nil)
    }

    /// Opens the History view with the filter in force, from `start` (the newest without one).
    mutating func openHistory(from start: HistoryCursor?) {
        historyView = HistoryState(filter: filter.applied, start: start)
        readNextHistoryPage()
    }

    /// Reads the history again under the filter now in force, from where the view began.
    mutating func refilterHistory() {
        guard let open = historyView else { return }
        openHistory(from: open.start)
    }

    /// Asks the terminal backend for the page after the events read so far.
    private mutating func readNextHistoryPage() {
        guard let open = historyView else { return }
        historyReads += 1
        let query = open.nextQuery(number: historyReads)
        historyView?.reading = query
        historyView?.end = .loading
        effect = .readHistory(query)
    }

    mutating func receiveHistoryPage(number: Int, _ result: Result<[StoredEvent], HistoryError>) {
        guard let open = historyView, open.reading?.number == number else { return }
        historyView?.reading = nil
        switch result {
        case .success(let page):
            historyView?.events += page
            historyView?.end = page.count < HistoryState.pageSize ? .reached : .more
            // A short first screen reads on at once, as the selection would near its end.
            readOnIfNearTheEnd()
        case .failure(let error):
            historyView?.end = .failed(error.description)
        }
    }

    /// Moves the History view's selection; nearing the end of what was read reads the next page.
    mutating func moveInHistory(_ movement: Movement) {
        guard let open = historyView, !open.events.isEmpty else { return }
        let page = max(1, historyRows)
        let last = open.events.count - 1
        let row = min(max(0, movement.target(from: open.selectedRow, page: page, last: last)), last)
        historyView?.selectedRow = row
        historyView?.selectionScreenRow = min(max(0, open.selectionScreenRow + row - open.selectedRow), page - 1)
        readOnIfNearTheEnd()
    }

    private mutating func readOnIfNearTheEnd() {
        guard let open = historyView, open.end == .more, open.selectedRow >= open.events.count - max(1, historyRows) else { return }
        readNextHistoryPage()
    }

    /// The rows of events the History view shows in this layout, under its header row.
    var historyRows: Int { layout.body.inset(by: 1).height - 1 }

    /// Opens the selected stored event's detail and asks for what the history keeps of it.
    mutating func openStoredDetail() {
        guard let open = historyView, open.events.indices.contains(open.selectedRow) else { return }
        let stored = open.events[open.selectedRow]
        historyView?.detail = StoredDetailState(stored: stored)
        effect = .readStoredDetails(stored)
    }

    mutating func receiveStoredDetails(of stored: StoredEvent, _ result: Result<StoredDetails, HistoryError>) {
        // An answer for an event whose detail was closed since is dropped.
        guard historyView?.detail?.stored.cursor == stored.cursor else { return }
        switch result {
        case .success(let details): historyView?.detail?.kept = details
        case .failure(let error): notice = "cannot read the history: \(error)"
        }
    }

    /// Scrolls the open stored event's detail.
    mutating func scrollStoredDetail(_ movement: Movement) {
        guard let detail = historyView?.detail else { return }
        let area = layout.body.inset(by: 1)
        let lines = StoredDetailView.lines(of: detail, width: area.width).count
        historyView?.detail?.scroll = scrolled(detail.scroll, movement, page: area.height, lines: lines)
    }
}
