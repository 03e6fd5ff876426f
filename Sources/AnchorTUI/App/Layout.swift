/// Where each panel goes for a terminal size. `update` uses it for page sizes and clicks, `render` to draw.
public struct Layout: Sendable, Hashable {
    /// The smallest terminal the dashboard draws in; below it, a message asks for more room.
    public static let minimum = TerminalSize(rows: 24, cols: 80)

    /// The size laid out.
    public var size: TerminalSize
    /// The header line.
    public var header: Rect
    /// The three summary cards.
    public var cards: Rect
    /// The rule with the table's title.
    public var tableTitle: Rect
    /// The table's column headers.
    public var tableHeader: Rect
    /// The rows of positions.
    public var tableBody: Rect
    /// The rule with the log's title.
    public var logTitle: Rect
    /// The lines of events.
    public var logBody: Rect
    /// The footer line.
    public var footer: Rect

    /// The layout for `size`.
    public init(size: TerminalSize) {
        self.size = size
        let cols = size.cols
        header = Rect(row: 0, col: 0, rows: 1, cols: cols)
        cards = Rect(row: 1, col: 0, rows: 4, cols: cols)
        tableTitle = Rect(row: 5, col: 0, rows: 1, cols: cols)
        tableHeader = Rect(row: 6, col: 0, rows: 1, cols: cols)
        let available = max(0, size.rows - 9)
        let logLines = max(3, available * 35 / 100)
        let tableLines = max(1, available - logLines)
        tableBody = Rect(row: 7, col: 0, rows: tableLines, cols: cols)
        logTitle = Rect(row: tableBody.bottom, col: 0, rows: 1, cols: cols)
        logBody = Rect(row: logTitle.bottom, col: 0, rows: logLines, cols: cols)
        footer = Rect(row: max(0, size.rows - 1), col: 0, rows: 1, cols: cols)
    }

    /// The terminal is big enough to draw the dashboard.
    public var fits: Bool { size.rows >= Self.minimum.rows && size.cols >= Self.minimum.cols }

    /// Rows of positions shown at once.
    public var tableLines: Int { tableBody.rows }
    /// Events shown at once.
    public var logLines: Int { logBody.rows }
}
