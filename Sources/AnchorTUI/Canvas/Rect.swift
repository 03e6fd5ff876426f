/// A rectangle of cells: its top-left corner and its size.
public struct Rect: Sendable, Hashable {
    /// The top row.
    public var row: Int
    /// The left column.
    public var col: Int
    /// Height; never negative.
    public var rows: Int
    /// Width; never negative.
    public var cols: Int

    /// A rectangle; a negative size becomes 0.
    public init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// One past the last row.
    public var bottom: Int { row + rows }
    /// One past the last column.
    public var right: Int { col + cols }
    /// True when it holds no cell.
    public var isEmpty: Bool { rows == 0 || cols == 0 }

    /// The rectangle shrunk by `amount` cells on every side (a box's inside).
    public func inset(by amount: Int) -> Rect {
        Rect(row: row + amount, col: col + amount, rows: rows - 2 * amount, cols: cols - 2 * amount)
    }

    /// The part of this rectangle inside `other`.
    public func clipped(to other: Rect) -> Rect {
        let top = max(row, other.row)
        let left = max(col, other.col)
        return Rect(row: top, col: left, rows: min(bottom, other.bottom) - top, cols: min(right, other.right) - left)
    }
}
