import CNcurses

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A cell style as a cache key.
struct StyleCacheKey: Hashable {
    var role: StyleRole
    var attributes: TextAttributes
}

extension NcursesScreen {
    /// Writes every cell of `canvas` into `stdscr`, then sends the difference in one `doupdate`.
    ///
    /// A canvas larger than the screen is cut; a smaller one leaves the rest in the background role. Cells that are
    /// plain background are left to `werase`, which fills with the background style.
    public func draw(_ canvas: Canvas) {
        guard !closed else {
            return
        }
        let rows = min(canvas.rows, size.rows)
        let cols = min(canvas.cols, size.cols)
        // Rows equal to the ones curses already holds are not written again, and of a changed row only its changed
        // cells: a second's frame changes a few rows (the clock, the marks) and a few numbers in each, and writing
        // all of its cells into curses was most of the cost of a frame. Curses would send only the changes either
        // way.
        let previous = drawnCanvas.flatMap {
            $0.rows == canvas.rows && $0.cols == canvas.cols && drawnSize == size ? $0 : nil
        }
        if previous == nil {
            werase(window)
        }
        let none: [Cell] = []
        (previous?.cells ?? none).withUnsafeBufferPointer { old in
            canvas.cells.withUnsafeBufferPointer { cells in
                drawRows(cells, rows: rows, cols: cols, stride: canvas.cols, old: previous == nil ? nil : old)
            }
        }
        drawnCanvas = canvas
        drawnSize = size
        wnoutrefresh(window)
        doupdate()
    }

    /// Writes `rows` × `cols` cells of a canvas `stride` cells wide into `stdscr`; with `old` (the canvas curses
    /// holds), only what changed.
    private func drawRows(
        _ cells: UnsafeBufferPointer<Cell>, rows: Int, cols: Int, stride: Int, old: UnsafeBufferPointer<Cell>?
    ) {
        var lastKey = StyleCacheKey(role: .background, attributes: [])
        var lastStyle = cursesStyle(for: .background, attributes: [])
        func style(of cell: Cell) -> (attributes: attr_t, pair: Int32) {
            let key = StyleCacheKey(role: cell.role, attributes: cell.attributes)
            if key != lastKey {
                lastKey = key
                lastStyle = cursesStyle(for: cell.role, attributes: cell.attributes)
            }
            return lastStyle
        }
        for row in 0..<rows {
            let start = row * stride
            if let old {
                // One pass: whether the row changed, and whether all its cells, before and now, are one column wide.
                var changed = false
                var narrow = true
                for index in start..<(start + cols) {
                    if old[index].width != 1 || cells[index].width != 1 { narrow = false }
                    if !changed && !Self.same(old, cells, at: index) { changed = true }
                }
                if !changed {
                    continue
                }
                // A row of narrow characters only: only its changed cells are written (a second's frame changes a
                // few numbers in each table row). A wide character anywhere shifts where curses puts what follows
                // it, so such a row is cleared and written whole.
                if narrow {
                    var cursor = -1
                    for col in 0..<cols where !Self.same(old, cells, at: start + col) {
                        if cursor != col {
                            wmove(window, Int32(row), Int32(col))
                        }
                        // A plain background cell too: a space in the background style is what `werase` and
                        // `wclrtoeol` fill with.
                        let cell = cells[start + col]
                        let style = style(of: cell)
                        put(cell.character, attributes: style.attributes, pair: style.pair)
                        cursor = col + 1
                    }
                    continue
                }
                wmove(window, Int32(row), 0)
                wclrtoeol(window)
            }
            // Where curses' cursor is, when known: after a wide character it depends on curses' idea of the width,
            // so the next cell moves explicitly.
            var cursor = -1
            for col in 0..<cols {
                let cell = cells[start + col]
                if cell.width == 0 {
                    continue
                }
                if cell.role == .background && cell.attributes.isEmpty && cell.character == " " {
                    continue
                }
                if cursor != col {
                    wmove(window, Int32(row), Int32(col))
                }
                let style = style(of: cell)
                // A wide character cut by a narrower screen becomes a space, as the canvas would do.
                let character = cell.width == 2 && col + 1 >= cols ? " " : cell.character
                put(character, attributes: style.attributes, pair: style.pair)
                cursor = cell.width == 1 ? col + 1 : -1
            }
        }
    }

    /// Whether the cells at `index` are equal: at once when their bits are (a character's storage is the same
    /// exactly when its text is, for the short ones that fill a screen), by `==` otherwise. Comparing every cell of
    /// every frame by `==` alone retained and released each character twice.
    @inline(__always)
    private static func same(_ a: UnsafeBufferPointer<Cell>, _ b: UnsafeBufferPointer<Cell>, at index: Int) -> Bool {
        let x = UnsafeRawPointer(a.baseAddress! + index)
        let y = UnsafeRawPointer(b.baseAddress! + index)
        if Self.cellBitsComparable, memcmp(x, y, MemoryLayout<Character>.size) == 0 {
            return a[index].width == b[index].width && a[index].role == b[index].role
                && a[index].attributes == b[index].attributes
        }
        return a[index] == b[index]
    }

    /// True when a cell starts with its character's bytes, so equal bytes there mean the same character.
    private static let cellBitsComparable = MemoryLayout<Cell>.offset(of: \Cell.character) == 0

    private func put(_ character: Character, attributes: attr_t, pair: Int32) {
        if let ascii = character.asciiValue {
            _ = anchor_put_char(window, wchar_t(ascii), attributes, pair)
            return
        }
        let scalars = character.unicodeScalars
        if scalars.count == 1 {
            _ = anchor_put_char(window, wchar_t(bitPattern: scalars.first!.value), attributes, pair)
            return
        }
        var text = scalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        _ = anchor_put_cluster(window, &text, Int32(text.count), attributes, pair)
    }

    /// The curses attributes and colour pair of a role with extra cell attributes.
    func cursesStyle(for role: StyleRole, attributes: TextAttributes) -> (attributes: attr_t, pair: Int32) {
        let key = StyleCacheKey(role: role, attributes: attributes)
        if let cached = styleCache[key] {
            return cached
        }
        let style = palette.style(for: role)
        let pair = palette.capability == .mono ? 0 : pairNumber(style.foreground, style.background)
        let resolved = (Self.cursesAttributes(style.attributes.union(attributes)), pair)
        styleCache[key] = resolved
        return resolved
    }

    /// The pair for (foreground, background), made on first use. Pair 0 (the terminal's colours) when the pairs
    /// run out, which the themes' handful of roles never come near.
    private func pairNumber(_ foreground: Int32, _ background: Int32) -> Int32 {
        let fg = foreground < 0 && !defaultColors ? 7 : foreground
        let bg = background < 0 && !defaultColors ? 0 : background
        if fg < 0 && bg < 0 {
            return 0
        }
        let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: bg))
        if let pair = pairs[key] {
            return pair
        }
        let pair = Int32(pairs.count + 1)
        guard pair < anchor_color_pairs(), anchor_init_pair(pair, fg, bg) == OK else {
            return 0
        }
        pairs[key] = pair
        return pair
    }

    static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
        var result = anchor_a_normal()
        if attributes.contains(.bold) {
            result |= anchor_a_bold()
        }
        if attributes.contains(.dim) {
            result |= anchor_a_dim()
        }
        if attributes.contains(.reverse) {
            result |= anchor_a_reverse()
        }
        if attributes.contains(.underline) {
            result |= anchor_a_underline()
        }
        if attributes.contains(.blink) {
            result |= anchor_a_blink()
        }
        return result
    }

    static func textAttributes(_ attributes: attr_t) -> TextAttributes {
        var result: TextAttributes = []
        if attributes & anchor_a_bold() != 0 {
            result.insert(.bold)
        }
        if attributes & anchor_a_dim() != 0 {
            result.insert(.dim)
        }
        if attributes & anchor_a_reverse() != 0 {
            result.insert(.reverse)
        }
        if attributes & anchor_a_underline() != 0 {
            result.insert(.underline)
        }
        if attributes & anchor_a_blink() != 0 {
            result.insert(.blink)
        }
        return result
    }
}
