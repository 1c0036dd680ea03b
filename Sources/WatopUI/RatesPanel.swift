import WatopCore

/// Rates: callbacks per column of time, stacked by status class in the status colors with
/// the failures at the foot (where a rise shows first), the failure share on a line beneath,
/// the scale on the left and the time at both ends. Unfiltered it reads the store's rollups,
/// which outlive the ring; with a filter, the matching events the buffer still holds, and its
/// title says so.
enum RatesPanel {
    /// Columns left of the bars: the scale (`12.5/s`, `6.0/min`, `0`, `failed`), a space and
    /// the axis line.
    static let gutterWidth = 9

    /// The status classes from the foot of a bar up, each with the role it is drawn in.
    static let stack: [(statusClass: StatusClass, name: String, role: StyleRole)] = [
        (.failed, "failed", .statusFailed), (.pending, "pending", .statusSent),
        (.delivered, "delivered", .statusDelivered), (.read, "read", .statusRead),
    ]

    /// A bar's top in eighths of a cell, lowest first.
    private static let eighths = Array("▁▂▃▄▅▆▇█")

    /// The columns the bars may take in a panel drawn in `rect`.
    static func chartWidth(in rect: Rect) -> Int { max(0, rect.width - 2 - gutterWidth) }

    static func draw(in grid: inout Grid, _ rect: Rect, state: UIState, now: UnixTime) {
        let filtered = !state.view.filter.isEmpty
        let rollups = filtered ? state.view.rollups : state.shown?.rollups ?? RateRollups()
        let window = state.rateWindow
        let time = state.rateTime(now: now)
        let chart = RateChart(rollups[window], width: chartWidth(in: rect), now: time)
        let sum = chart.total
        let title = "\(Panel.rates.title) \(window.label)" + (filtered ? " · filtered, buffer only" : "")
        let failed = "\(Format.percent(sum[.failed], of: sum.total)) failed"
        let detailed = "\(Format.span(seconds: chart.columns.seconds)) per column · " + failed
        // The share of failures matters more than the width of a column when one must go.
        let note = rect.width - 6 - SafeText.width(of: title) - SafeText.width(of: detailed) > 0 ? detailed : failed
        let inside = grid.box(rect, title: title, note: note, focused: state.focus == .rates)
        guard inside.height >= 3, inside.width > gutterWidth else { return }

        let rows = inside.height - 2
        let bottom = inside.y + rows - 1
        let left = inside.x + gutterWidth
        drawScale(in: &grid, inside, rows: rows, peakRate: chart.peakRate)
        let peak = chart.peak
        for (index, bucket) in chart.buckets.enumerated() {
            drawBar(bucket, peak: peak, x: left + index, bottom: bottom, rows: rows, in: &grid)
            drawFailureShare(bucket, x: left + index, y: bottom + 1, in: &grid)
        }
        if peak == 0 {
            let what = filtered ? "no matching events in the buffer" : "no callbacks"
            grid.write("\(what) over the last \(window.label)", x: left + 1, y: inside.y + (rows - 1) / 2, limit: inside.maxX - left - 1, role: .muted)
        }
        if let cursor = state.rateCursor {
            let index = chart.columns.index(holding: cursor)
            grid.restyle(Rect(x: left + index, y: inside.y, width: 1, height: rows + 1), role: .selection)
            let readout = self.readout(chart.buckets[index], columns: chart.columns)
            grid.write(readout, x: left, y: bottom + 2, limit: inside.maxX - left)
        } else {
            drawTimes(in: &grid, chart, x: left, y: bottom + 2, end: time)
        }
        let legendX = left + chart.buckets.count + 2
        if inside.maxX - legendX >= 11 { drawLegend(in: &grid, x: legendX, y: inside.y, rows: rows + 1) }
    }

    /// The peak rate at the top, 0 at the foot, `failed` beside the share line, and the axis.
    private static func drawScale(in grid: inout Grid, _ inside: Rect, rows: Int, peakRate: Double) {
        let labelWidth = gutterWidth - 1
        let axis = inside.x + labelWidth
        for row in 0..<rows {
            let labelled = row == 0 || row == rows - 1
            grid.write(labelled ? "┤" : "│", x: axis, y: inside.y + row, limit: 1, role: .border)
        }
        grid.write("│", x: axis, y: inside.y + rows, limit: 1, role: .border)
        grid.write("└", x: axis, y: inside.y + rows + 1, limit: 1, role: .border)
        if rows > 1, peakRate > 0 {
            grid.writeRightAligned(Format.compactRate(peakRate) + " ", rightEdge: axis, y: inside.y, limit: labelWidth, role: .muted)
        }
        grid.writeRightAligned("0 ", rightEdge: axis, y: inside.y + rows - 1, limit: labelWidth, role: .muted)
        grid.writeRightAligned("failed ", rightEdge: axis, y: inside.y + rows, limit: labelWidth, role: .statusFailed)
    }

    /// One column's bar, as tall against `rows` as its total is against the peak: each cell
    /// in the color of the class that fills most of it, the top cell cut to the eighth.
    private static func drawBar(_ column: RollupBucket, peak: Int, x: Int, bottom: Int, rows: Int, in grid: inout Grid) {
        let total = column.total
        guard total > 0, peak > 0 else { return }
        // In eighths of a cell; any callback at all shows.
        let height = (total * rows * 8 + peak - 1) / peak
        var ends: [Int] = []
        var sum = 0
        for part in stack {
            sum += column[part.statusClass]
            ends.append(sum * height / total)
        }
        for row in 0..<rows {
            let low = row * 8
            guard height > low else { break }
            let high = min(height, low + 8)
            var best = 0
            var bestShare = 0
            var start = 0
            for (index, end) in ends.enumerated() {
                let share = min(end, high) - max(start, low)
                if share > bestShare { (best, bestShare) = (index, share) }
                start = end
            }
            grid.write(String(eighths[high - low - 1]), x: x, y: bottom - row, limit: 1, role: stack[best].role)
        }
    }

    /// The share of a column's callbacks that failed, as a bar of eighths (a full cell is all
    /// of them); blank when none did.
    private static func drawFailureShare(_ column: RollupBucket, x: Int, y: Int, in grid: inout Grid) {
        let failed = column[.failed]
        guard failed > 0 else { return }
        let level = min(8, (failed * 8 + column.total - 1) / column.total)
        grid.write(String(eighths[level - 1]), x: x, y: y, limit: 1, role: .statusFailed)
    }

    /// When the oldest column begins, under it, and the moment drawn, at the right end.
    private static func drawTimes(in grid: inout Grid, _ chart: RateChart, x: Int, y: Int, end: UnixTime) {
        let start = label(chart.columns.start(of: 0), chart.columns.window)
        let finish = label(end, chart.columns.window)
        let width = chart.columns.count
        guard width >= start.count + finish.count + 2 else { return }
        grid.write(start, x: x, y: y, limit: width, role: .muted)
        grid.writeRightAligned(finish, rightEdge: x + width, y: y, limit: width, role: .muted)
    }

    /// `17:02:03` over 5 minutes, `17:02` over an hour, `12-05 17:02` over a day.
    private static func label(_ time: UnixTime, _ window: RateWindow) -> String {
        switch window {
        case .fiveMinutes: time.clockTime
        case .hour: String(time.clockTime.prefix(5))
        case .day: String(time.iso8601.dropFirst(5).prefix(11).map { $0 == "T" ? " " : $0 })
        }
    }

    /// The column under the cursor: when it begins and ends, and its callbacks by class.
    private static func readout(_ bucket: RollupBucket, columns: RateColumns) -> [Span] {
        let end = UnixTime(seconds: bucket.start.seconds + columns.seconds)
        let span =
            columns.window == .day
            ? label(bucket.start, .day) + "–" + label(end, .hour) : bucket.start.clockTime + "–" + end.clockTime
        return [Span(span)] + stack.flatMap { part in
            [Span("  \(part.name) ", .muted), Span(Format.count(bucket[part.statusClass]), bucket[part.statusClass] > 0 ? part.role : .muted)]
        }
    }

    /// Which color is which, top to bottom as the bars stack, where the panel has room.
    private static func drawLegend(in grid: inout Grid, x: Int, y: Int, rows: Int) {
        for (row, part) in stack.reversed().enumerated() where row < rows {
            grid.write([Span("█ ", part.role), Span(part.name, .muted)], x: x, y: y + row, limit: 11)
        }
    }
}
