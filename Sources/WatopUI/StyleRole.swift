/// What a cell shows, never how it looks: a theme maps each role to colors and attributes.
/// The raw values are the keys theme files use.
public enum StyleRole: String, CaseIterable, Sendable {
    /// Plain text: table cells, values, the event list; what a role left out of a theme looks like.
    case text = "text"
    /// Secondary text: units, hints, placeholders, empty cells.
    case muted = "muted"
    /// The header bar across the top.
    case header = "header"
    /// "watop" in the header.
    case headerTitle = "header.title"
    /// The callback URL in the header, to paste into the provider's console.
    case headerURL = "header.url"
    /// PAUSED in the header while the screen is frozen.
    case paused = "paused"
    /// The header's banner of a firing alert rule, and FIRING in the alerts view.
    case alert = "alert"
    /// Panel borders.
    case border = "border"
    /// The border of the panel Tab has focused.
    case borderFocused = "border.focused"
    /// A panel's title in its top border.
    case panelTitle = "panel.title"
    /// The focused panel's title.
    case panelTitleFocused = "panel.title.focused"
    /// Column headings of the tables.
    case tableHeader = "table.header"
    /// The selected row of the event list.
    case selection = "selection"
    /// A status still pending (queued, accepted, sending, sent…), wherever a status is drawn.
    case statusSent = "status.sent"
    /// The statuses delivered and partially delivered.
    case statusDelivered = "status.delivered"
    /// The statuses read and played.
    case statusRead = "status.read"
    /// The statuses failed and undelivered.
    case statusFailed = "status.failed"
    /// The statuses not-sent and canceled: never handed to WhatsApp.
    case statusNotSent = "status.not-sent"
    /// A status no provider documents (a customer's inbound message is plain text).
    case statusOther = "status.other"
    /// What went wrong: error codes and texts, a forward that failed, got a 5xx or is dead.
    case error = "error"
    /// What needs a look: Meta's warning status, rejected requests, a forward refused or queued,
    /// evicted messages, out-of-order and duplicate callbacks, notices in the footer.
    case warning = "warning"
    /// Reported prices.
    case price = "price"
    /// The "/" of the filter prompt, and the footer's questions.
    case filterPrompt = "filter.prompt"
    /// The filter being typed, and the one applied.
    case filterText = "filter.text"
    /// Why the filter being typed does not parse, and the header's warning of an open listener.
    case filterError = "filter.error"
    /// The events-per-second sparkline in the header.
    case sparkline = "sparkline"
    /// The footer bar of keys along the bottom.
    case footer = "footer"
    /// A key in the footer.
    case footerKey = "footer.key"
    /// The help overlay.
    case overlay = "overlay"
    /// A key in the help overlay.
    case overlayKey = "overlay.key"
    /// Field names in the detail view.
    case detailLabel = "detail.label"
}
