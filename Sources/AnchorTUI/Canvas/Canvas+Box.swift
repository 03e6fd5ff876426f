extension Canvas {
    /// Draws a box along the edge of `rect`, with an optional title set into its top edge.
    ///
    /// The title sits two columns in from the left corner with a space either side, and is cut with an ellipsis
    /// to leave at least one line piece before the right corner. With `fill`, the inside is cleared in that role
    /// first (for dialogs over other content). A rectangle smaller than 2 × 2 draws nothing.
    public mutating func drawBox(
        _ rect: Rect, style: BoxStyle = .light, role: StyleRole = .border, title: String? = nil,
        titleRole: StyleRole = .header, titleAttributes: TextAttributes = [], fill: StyleRole? = nil
    ) {
        guard rect.rows >= 2, rect.cols >= 2 else {
            return
        }
        let pieces = style.pieces(glyphs)
        if let fill {
            self.fill(rect.inset(by: 1), role: fill)
        }
        let top = rect.row
        let bottom = rect.bottom - 1
        let left = rect.col
        let right = rect.right - 1
        for col in (left + 1)..<right {
            line(pieces.horizontal, row: top, col: col, role: role)
            line(pieces.horizontal, row: bottom, col: col, role: role)
        }
        for row in (top + 1)..<bottom {
            line(pieces.vertical, row: row, col: left, role: role)
            line(pieces.vertical, row: row, col: right, role: role)
        }
        line(pieces.topLeft, row: top, col: left, role: role)
        line(pieces.topRight, row: top, col: right, role: role)
        line(pieces.bottomLeft, row: bottom, col: left, role: role)
        line(pieces.bottomRight, row: bottom, col: right, role: role)
        if let title, !title.isEmpty {
            // Corner, one line piece, space, title, space, one line piece, corner.
            let room = rect.cols - 6
            guard room >= 1 else {
                return
            }
            let titleWidth = min(TextWidth.of(title), room)
            put(" ", row: top, col: left + 2, width: 1, role: role)
            let written = put(
                title, row: top, col: left + 3, width: titleWidth, role: titleRole, attributes: titleAttributes)
            put(" ", row: top, col: left + 3 + written, width: 1, role: role)
        }
    }

    /// Draws a horizontal line of `width` cells; with `joinsBox`, its ends are tees that meet a box's sides.
    public mutating func drawRule(
        row: Int, col: Int, width: Int, style: BoxStyle = .light, role: StyleRole = .border, joinsBox: Bool = false
    ) {
        guard width > 0 else {
            return
        }
        let pieces = style.pieces(glyphs)
        for offset in 0..<width {
            line(pieces.horizontal, row: row, col: col + offset, role: role)
        }
        if joinsBox && width >= 2 {
            line(pieces.teeRight, row: row, col: col, role: role)
            line(pieces.teeLeft, row: row, col: col + width - 1, role: role)
        }
    }

    /// Draws a vertical line of `height` cells; with `joinsBox`, its ends are tees that meet a box's top and bottom.
    public mutating func drawVerticalRule(
        row: Int, col: Int, height: Int, style: BoxStyle = .light, role: StyleRole = .border, joinsBox: Bool = false
    ) {
        guard height > 0 else {
            return
        }
        let pieces = style.pieces(glyphs)
        for offset in 0..<height {
            line(pieces.vertical, row: row + offset, col: col, role: role)
        }
        if joinsBox && height >= 2 {
            line(pieces.teeDown, row: row, col: col, role: role)
            line(pieces.teeUp, row: row + height - 1, col: col, role: role)
        }
    }

    private mutating func line(_ piece: Character, row: Int, col: Int, role: StyleRole) {
        write(piece, width: 1, row: row, col: col, limit: cols, role: role, attributes: [])
    }
}
