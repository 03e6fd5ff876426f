/// A frame of the screen as plain data: rows × cols cells, each a grapheme with its width, role and attributes.
///
/// Rendering builds a `Canvas` with no terminal in sight, so tests compare canvases and golden files, and the app
/// skips drawing a frame equal to the last one. Writing keeps one rule: a wide character is never split. At the right
/// edge (of the canvas or of a field) a wide character that would not fit becomes a space, and overwriting either
/// half of a wide character turns the other half into a space.
public struct Canvas: Sendable, Equatable {
    /// Height in cells.
    public let rows: Int
    /// Width in cells.
    public let cols: Int
    /// Unicode or ASCII box lines, ellipsis and sparkline.
    public var glyphs: GlyphSet
    /// Row-major: the cell at (row, col) is `cells[row * cols + col]`.
    public private(set) var cells: [Cell]

    /// A canvas of `rows` × `cols` cells, every one `fill`.
    public init(rows: Int, cols: Int, glyphs: GlyphSet = .unicode, fill: Cell = .blank()) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        self.glyphs = glyphs
        var blank = fill
        if blank.width != 1 || TextWidth.of(blank.character) != 1 {
            blank.character = " "
            blank.width = 1
        }
        self.cells = Array(repeating: blank, count: self.rows * self.cols)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(row: 0, col: 0, rows: rows, cols: cols) }

    /// The cell at (row, col); both must be inside the canvas.
    public subscript(row: Int, col: Int) -> Cell {
        precondition(row >= 0 && row < rows && col >= 0 && col < cols, "cell (\(row), \(col)) is off the canvas")
        return cells[row * cols + col]
    }

    /// Writes one grapheme at (row, col), keeping wide characters whole. Off-canvas writes do nothing.
    ///
    /// - Returns: the columns the write took (0 off the canvas, 2 for a wide character that fit).
    @discardableResult
    public mutating func set(
        _ character: Character, row: Int, col: Int, role: StyleRole, attributes: TextAttributes = []
    ) -> Int {
        let width = TextWidth.of(character)
        guard width > 0 else {
            return 0
        }
        return write(character, width: width, row: row, col: col, limit: cols, role: role, attributes: attributes)
    }

    /// Writes `text` at (row, col) in a field of `width` columns (to the right edge when nil), clipped to the canvas.
    ///
    /// Text wider than the field is cut and, with `.ellipsis`, ends in `…`. With a width, the rest of the field is
    /// padded with spaces in the same style according to `alignment`, so a highlighted row stays highlighted across
    /// its cells. Control characters and stray combining marks are dropped.
    ///
    /// - Returns: the columns of the field that were written.
    @discardableResult
    public mutating func put(
        _ text: some StringProtocol, row: Int, col: Int, width: Int? = nil, role: StyleRole = .text,
        attributes: TextAttributes = [], alignment: Alignment = .left, overflow: Overflow = .ellipsis
    ) -> Int {
        guard row >= 0, row < rows, col < cols else {
            return 0
        }
        let fieldEnd = min(cols, width.map { col + max(0, $0) } ?? cols)
        let field = fieldEnd - col
        guard field > 0 else {
            return 0
        }
        let asciiWidth = TextWidth.ofPrintableASCII(text)
        let textWidth = asciiWidth ?? TextWidth.of(text)
        var cursor = col
        if textWidth <= field {
            let gap = field - textWidth
            if width != nil {
                let lead = alignment == .left ? 0 : (alignment == .right ? gap : gap / 2)
                cursor = pad(row: row, from: cursor, count: lead, limit: fieldEnd, role: role, attributes: attributes)
            }
            if asciiWidth != nil,
                let end = putASCII(text, row: row, col: cursor, limit: fieldEnd, role: role, attributes: attributes)
            {
                cursor = end
            } else {
                for character in text {
                    let glyphWidth = TextWidth.of(character)
                    if glyphWidth > 0 {
                        cursor += write(
                            character, width: glyphWidth, row: row, col: cursor, limit: fieldEnd,
                            role: role, attributes: attributes)
                    }
                }
            }
        } else {
            let mark = overflow == .ellipsis ? glyphs.ellipsis : nil
            let (kept, used) = TextLayout.leadingGlyphs(of: text, room: field - (mark == nil ? 0 : 1))
            // A wide character that did not fit leaves a one-column gap; it goes on the side away from the text.
            let gap = field - used - (mark == nil ? 0 : 1)
            if alignment == .right {
                cursor = pad(row: row, from: cursor, count: gap, limit: fieldEnd, role: role, attributes: attributes)
            }
            for (character, glyphWidth) in kept {
                cursor += write(
                    character, width: glyphWidth, row: row, col: cursor, limit: fieldEnd,
                    role: role, attributes: attributes)
            }
            if let mark {
                cursor += write(
                    mark, width: 1, row: row, col: cursor, limit: fieldEnd, role: role,
                    attributes: attributes)
            }
        }
        if width != nil {
            cursor = pad(
                row: row, from: cursor, count: fieldEnd - cursor, limit: fieldEnd, role: role,
                attributes: attributes)
        }
        return max(0, cursor - max(col, 0))
    }

    /// Writes `text`, which is all printable ASCII (`TextWidth.ofPrintableASCII`), from `col`, a cell per byte,
    /// without walking its grapheme clusters (most of the cost of drawing a table); returns the column after it, or
    /// nil when the careful path must write it.
    private mutating func putASCII(
        _ text: some StringProtocol, row: Int, col: Int, limit: Int, role: StyleRole, attributes: TextAttributes
    ) -> Int? {
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard row >= 0, row < rows, col >= 0 else {
                // Off the canvas, or starting left of it: the careful path clips.
                return nil
            }
            let end = min(col + bytes.count, min(limit, cols))
            guard col < end else { return col }
            let first = row * cols + col
            let last = row * cols + end - 1
            // Overwriting half of a wide character at either end breaks it (see `write`); wide characters wholly
            // inside the run are overwritten whole. Otherwise the cells are stored directly.
            if cells[first].width == 0 || cells[last].width == 2 {
                var cursor = col
                for byte in bytes {
                    cursor += write(
                        Self.printableASCII[Int(byte &- 0x20)], width: 1, row: row, col: cursor, limit: limit,
                        role: role, attributes: attributes)
                }
                return cursor
            }
            cells.withUnsafeMutableBufferPointer { cells in
                for (offset, byte) in bytes.prefix(end - col).enumerated() {
                    cells[first + offset] = Cell(
                        character: Self.printableASCII[Int(byte &- 0x20)], width: 1, role: role, attributes: attributes)
                }
            }
            return end
        }
        return done ?? nil
    }

    /// The printable ASCII characters, space to tilde, made once.
    private static let printableASCII: [Character] = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }

    /// Fills a rectangle (clipped to the canvas) with a one-column character.
    public mutating func fill(
        _ rect: Rect, with character: Character = " ", role: StyleRole, attributes: TextAttributes = []
    ) {
        let area = rect.clipped(to: bounds)
        let glyph = TextWidth.of(character) == 1 ? character : " "
        for row in area.row..<area.bottom {
            for col in area.col..<area.right {
                write(glyph, width: 1, row: row, col: col, limit: cols, role: role, attributes: attributes)
            }
        }
    }

    /// Changes the role and attributes of a rectangle's cells and keeps their characters (to highlight a row).
    public mutating func restyle(_ rect: Rect, role: StyleRole, attributes: TextAttributes = []) {
        let area = rect.clipped(to: bounds)
        for row in area.row..<area.bottom {
            for col in area.col..<area.right {
                cells[row * cols + col].role = role
                cells[row * cols + col].attributes = attributes
            }
        }
    }

    /// Writes `count` spaces from `col`, stopping at `limit`; returns the column after them.
    private mutating func pad(
        row: Int, from col: Int, count: Int, limit: Int, role: StyleRole, attributes: TextAttributes
    ) -> Int {
        var cursor = col
        let end = min(limit, col + max(0, count))
        while cursor < end {
            let step = write(" ", width: 1, row: row, col: cursor, limit: limit, role: role, attributes: attributes)
            if step == 0 {
                break
            }
            cursor += step
        }
        return max(cursor, end)
    }

    /// The one place cells change. `limit` is the right edge of the field being written (at most `cols`).
    ///
    /// - Returns: the columns advanced: `width`, or 1 when a wide character became a space at the edge.
    @discardableResult
    mutating func write(
        _ character: Character, width: Int, row: Int, col: Int, limit: Int, role: StyleRole,
        attributes: TextAttributes
    ) -> Int {
        guard row >= 0, row < rows, col < min(limit, cols) else {
            return 0
        }
        if col < 0 {
            // Only the right half of a wide character starting just off the left edge is on the canvas.
            if width == 2 && col == -1 {
                write(" ", width: 1, row: row, col: 0, limit: limit, role: role, attributes: attributes)
            }
            return width
        }
        var glyph = character
        var glyphWidth = width
        if glyphWidth == 2 && col + 1 >= min(limit, cols) {
            glyph = " "
            glyphWidth = 1
        }
        let index = row * cols + col
        breakWideCharacter(at: index, col: col)
        if glyphWidth == 2 {
            breakWideCharacter(at: index + 1, col: col + 1)
        }
        cells[index] = Cell(character: glyph, width: UInt8(glyphWidth), role: role, attributes: attributes)
        if glyphWidth == 2 {
            cells[index + 1] = Cell(character: " ", width: 0, role: role, attributes: attributes)
        }
        return glyphWidth
    }

    /// Before a cell is overwritten, turns the other half of the wide character it belongs to into a space.
    private mutating func breakWideCharacter(at index: Int, col: Int) {
        let cell = cells[index]
        if cell.width == 0 && col > 0 {
            let head = cells[index - 1]
            cells[index - 1] = Cell.blank(head.role, attributes: head.attributes)
        } else if cell.width == 2 && col + 1 < cols {
            let tail = cells[index + 1]
            cells[index + 1] = Cell.blank(tail.role, attributes: tail.attributes)
        }
    }
}
