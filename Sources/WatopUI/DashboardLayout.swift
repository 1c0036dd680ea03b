/// Where each part of the dashboard goes at a given size.
///
/// The header, the event list and the footer always stay. Tables sit in two bands above
/// the list, with the Rates chart across the width between them; which tables share a band
/// depends on the width. When the height runs short the second band goes first; then the
/// chart moves into the first band in place of its last table; then the first band goes,
/// so the list keeps a useful height.
struct DashboardLayout: Equatable {
    var header: Rect
    /// The tables shown.
    var panels: [Panel: Rect] = [:]
    var events: Rect
    var footer: Rect
    /// Everything between header and footer: where the detail view goes.
    var body: Rect

    static let bandBHeight = 9
    /// A tall terminal gives the first band (the statuses) three more rows: room for eight
    /// statuses, as a mix of providers brings (Kaleyra's five, Twilio's `queued` and
    /// `undelivered`, customers' inbound messages), and the two lines of message counts under
    /// them, where ten rows hold five.
    static func bandAHeight(rows: Int) -> Int { rows >= 40 ? 13 : 10 }
    /// A border, a table header, another border and three rows.
    static let minimumEventsHeight = 6
    /// The Rates chart across the width: three rows of bars, or eight on a tall terminal,
    /// with the failure line, the time axis and the borders.
    static func ratesBandHeight(rows: Int) -> Int { rows >= 50 ? 12 : 7 }

    init(size: TerminalSize, showsFilterLine: Bool) {
        let screen = Rect(x: 0, y: 0, width: size.columns, height: size.rows)
        let footerHeight = size.rows >= 3 ? 1 : 0
        let headerWanted = size.rows >= 8 ? 2 + (showsFilterLine ? 1 : 0) : min(1, size.rows)
        let headerHeight = min(headerWanted, max(0, size.rows - footerHeight - 1))
        let (header, rest) = screen.splitTop(headerHeight)
        let (body, footer) = rest.splitTop(rest.height - footerHeight)
        self.header = header
        self.footer = footer
        self.body = body

        var remaining = body
        for band in Self.bands(size: size, room: body.height - Self.minimumEventsHeight) {
            let (strip, below) = remaining.splitTop(band.height)
            for (rect, entry) in zip(strip.splitColumns(weights: band.panels.map(\.1)), band.panels) { panels[entry.0] = rect }
            remaining = below
        }
        events = remaining
    }

    /// The bands that fit in `room` rows, top to bottom, each with its height and its panels.
    private static func bands(size: TerminalSize, room: Int) -> [(height: Int, panels: [(Panel, Int)])] {
        let (bandA, bandB) = bands(forWidth: size.columns)
        let bandAHeight = bandAHeight(rows: size.rows)
        guard !bandA.isEmpty, room >= bandAHeight else { return [] }
        var bands = [(height: bandAHeight, panels: bandA)]
        var room = room - bandAHeight
        let ratesHeight = ratesBandHeight(rows: size.rows)
        if room >= ratesHeight {
            bands.append((ratesHeight, [(.rates, 1)]))
            room -= ratesHeight
        } else if bandA.count > 1 {
            // Too short for a band of its own: when did failures start matters more than
            // the last table of the first band.
            bands[0].panels[bandA.count - 1].0 = .rates
        }
        if !bandB.isEmpty, room >= bandBHeight { bands.append((bandBHeight, bandB)) }
        return bands
    }

    /// The two bands of tables for a width, with relative widths, most important first.
    private static func bands(forWidth width: Int) -> (a: [(Panel, Int)], b: [(Panel, Int)]) {
        switch width {
        case 160...: ([(.statuses, 3), (.prices, 3), (.errorCodes, 6)], [(.whatsappNumbers, 1)])
        case 100..<160: ([(.statuses, 45), (.errorCodes, 55)], [(.prices, 35), (.whatsappNumbers, 65)])
        case 60..<100: ([(.statuses, 1), (.errorCodes, 1)], [(.prices, 2), (.whatsappNumbers, 3)])
        default: ([(.statuses, 1)], [])
        }
    }

    /// Rows of events the list shows.
    var listRows: Int { max(0, events.height - 3) }

    /// The panels Tab moves through, as the screen reads: the tables left to right, band by
    /// band, then the list below them.
    var focusOrder: [Panel] {
        (panels.map { ($0.key, $0.value) } + [(.events, events)])
            .sorted { ($0.1.y, $0.1.x) < ($1.1.y, $1.1.x) }.map(\.0)
    }
}
