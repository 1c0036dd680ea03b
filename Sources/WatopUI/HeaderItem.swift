/// One figure of the header, with the blanks that set it apart: shown whole or left out,
/// so that a narrow terminal never shows half a number.
struct HeaderItem {
    var spans: [Span]
    /// When the row runs short, the lowest priorities are left out first.
    var priority: Int
    /// Drawn against the right edge, after the items on the left.
    var trailing = false
    /// Text rather than a figure (the callback URL, a warning, the app's last problem): it may
    /// end in `…` to fit, down to `shortest` columns.
    var cuttable = false

    /// The fewest columns a cuttable item is given.
    static let shortest = 16

    var width: Int { spans.reduce(0) { $0 + SafeText.width(of: $1.text) } }

    /// Draws on row `y` the items that fit in `width` columns from `x`, in their order: those
    /// of highest priority first, left-aligned ones from `x` and trailing ones against the
    /// right edge. A cuttable item takes the room it wants before lower priorities get any.
    static func draw(_ items: [HeaderItem], in grid: inout Grid, x: Int, y: Int, width: Int) {
        var widths = [Int: Int]()
        var used = 0
        // Equal priorities go in their order, so that the same figures stay from frame to frame.
        for index in items.indices.sorted(by: { (items[$0].priority, $1) > (items[$1].priority, $0) }) {
            let item = items[index]
            // A column apart once both edges have an item.
            let sides = Set(widths.keys.map { items[$0].trailing } + [item.trailing])
            let room = width - used - (sides.count > 1 ? 1 : 0)
            let given = item.cuttable ? min(item.width, room) : item.width
            guard given <= room, given >= min(item.width, Self.shortest) else { continue }
            widths[index] = given
            used += given
        }
        let kept = widths.keys.sorted()
        var left = x
        for index in kept where !items[index].trailing {
            left = grid.write(items[index].spans, x: left, y: y, limit: widths[index, default: 0])
        }
        var right = x + width
        for index in kept.reversed() where items[index].trailing {
            right -= widths[index, default: 0]
            grid.write(items[index].spans, x: right, y: y, limit: widths[index, default: 0])
        }
    }
}
