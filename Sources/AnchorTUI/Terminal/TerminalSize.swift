/// A terminal's size in cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    /// Lines.
    public var rows: Int
    /// Columns.
    public var cols: Int

    /// A size.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }

    /// `COLSxROWS`, as terminals show it.
    public var description: String { "\(cols)x\(rows)" }
}
