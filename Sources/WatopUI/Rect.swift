/// A rectangle of cells.
struct Rect: Hashable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    var isEmpty: Bool { width == 0 || height == 0 }
    var maxX: Int { x + width }
    var maxY: Int { y + height }

    /// The rectangle shrunk by `amount` on every side.
    func inset(by amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// Splits off `rows` rows from the top: (top, rest).
    func splitTop(_ rows: Int) -> (Rect, Rect) {
        let taken = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: taken), Rect(x: x, y: y + taken, width: width, height: height - taken))
    }

    /// Columns side by side in proportion to `weights`; the last takes what rounding leaves.
    func splitColumns(weights: [Int]) -> [Rect] {
        let total = weights.reduce(0, +)
        var left = x
        return weights.indices.map { index in
            let columns = index == weights.count - 1 ? maxX - left : width * weights[index] / max(1, total)
            defer { left += columns }
            return Rect(x: left, y: y, width: columns, height: height)
        }
    }
}
