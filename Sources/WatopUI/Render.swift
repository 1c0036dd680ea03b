/// Draws the whole screen for `state` at the moment described by `frame`. Pure: the same
/// state and frame always give the same grid, which is what the golden tests rely on.
public func render(_ state: UIState, _ frame: Frame) -> Grid {
    var grid = Grid(size: state.size)
    let layout = state.layout
    HeaderView.draw(in: &grid, layout.header, state: state, frame: frame)
    if let detail = state.detail {
        DetailView.draw(in: &grid, layout.body, detail: detail)
    } else if let history = state.historyView {
        if let detail = history.detail {
            StoredDetailView.draw(in: &grid, layout.body, detail: detail)
        } else {
            HistoryView.draw(in: &grid, layout.body, history: history)
        }
    } else if state.showsRejections {
        RejectionsView.draw(in: &grid, layout.body, state: state)
    } else if state.showsNotices {
        NoticesView.draw(in: &grid, layout.body, state: state)
    } else if state.showsLatency {
        LatencyView.draw(in: &grid, layout.body, state: state)
    } else if state.showsStuck {
        StuckView.draw(in: &grid, layout.body, state: state)
    } else if state.showsAlerts {
        AlertsView.draw(in: &grid, layout.body, state: state, now: frame.now)
    } else if state.showsBreakdown {
        BreakdownView.draw(in: &grid, layout.body, state: state)
    } else {
        let totals = DashboardTotals(state)
        for (panel, rect) in layout.panels {
            switch panel {
            case .statuses: StatusesPanel.draw(in: &grid, rect, totals: totals, state: state, now: frame.now)
            case .errorCodes: ErrorCodesPanel.draw(in: &grid, rect, totals: totals, state: state)
            case .prices: PricesPanel.draw(in: &grid, rect, totals: totals, state: state)
            case .whatsappNumbers: WhatsAppNumbersPanel.draw(in: &grid, rect, totals: totals, state: state)
            case .rates: RatesPanel.draw(in: &grid, rect, state: state, now: frame.now)
            case .events: break
            }
        }
        EventsPanel.draw(in: &grid, layout.events, state: state)
    }
    FooterView.draw(in: &grid, layout.footer, state: state)
    if state.showsHelp { HelpOverlay.draw(in: &grid, size: state.size, scroll: state.helpScroll) }
    return grid
}
