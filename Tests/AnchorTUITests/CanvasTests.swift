import Testing

@testable import AnchorTUI

@Suite struct CanvasTests {
    /// The characters of one row, continuation cells shown as `>` so wide characters can be checked cell by cell.
    func cells(_ canvas: Canvas, row: Int) -> String {
        String((0..<canvas.cols).map { canvas[row, $0].isContinuation ? ">" : canvas[row, $0].character })
    }

    @Test func newCanvasIsBlankBackground() {
        let canvas = Canvas(rows: 2, cols: 3)
        #expect(canvas.cells.count == 6)
        #expect(canvas.cells.allSatisfy { $0 == .blank(.background) })
        #expect(canvas.textDump() == "\n")
    }

    @Test func textIsCutAtTheRightEdgeWithAnEllipsis() {
        var canvas = Canvas(rows: 1, cols: 5)
        let written = canvas.put("abcdefg", row: 0, col: 0)
        #expect(cells(canvas, row: 0) == "abcd…")
        #expect(written == 5)
    }

    @Test func clipOverflowCutsWithoutAMark() {
        var canvas = Canvas(rows: 1, cols: 5)
        canvas.put("abcdefg", row: 0, col: 0, overflow: .clip)
        #expect(cells(canvas, row: 0) == "abcde")
    }

    @Test func textStartingNearTheEdgeIsCutThere() {
        var canvas = Canvas(rows: 1, cols: 5)
        canvas.put("hello", row: 0, col: 3)
        #expect(cells(canvas, row: 0) == "   h…")
    }

    @Test func fieldWidthCutsTextAndLeavesTheRestAlone() {
        var canvas = Canvas(rows: 1, cols: 10)
        canvas.put("XXXXXXXXXX", row: 0, col: 0)
        canvas.put("CRO-USDT-SWAP", row: 0, col: 1, width: 6)
        #expect(cells(canvas, row: 0) == "XCRO-U…XXX")
    }

    @Test(arguments: [
        (Alignment.left, "|中文    |"), (.right, "|    中文|"), (.center, "|  中文  |"),
    ])
    func fieldAlignsByDisplayWidth(alignment: Alignment, expected: String) {
        var canvas = Canvas(rows: 1, cols: 10)
        canvas.put("|", row: 0, col: 0)
        canvas.put("中文", row: 0, col: 1, width: 8, alignment: alignment)
        canvas.put("|", row: 0, col: 9)
        #expect(canvas.textDump() == expected)
        #expect(canvas.textDump() == "|" + TextLayout.pad("中文", toWidth: 8, alignment: alignment) + "|")
    }

    @Test func emojiTakeTwoCellsWhenAligned() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("🚀ok", row: 0, col: 0, width: 6, alignment: .right)
        #expect(cells(canvas, row: 0) == "  🚀>ok")
        #expect(canvas[0, 2].width == 2)
        #expect(canvas[0, 3].isContinuation)
    }

    @Test func paddingTakesTheFieldsStyle() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("ab", row: 0, col: 1, width: 4, role: .selection, alignment: .right)
        #expect(
            (0..<6).map { canvas[0, $0].role } == [
                .background, .selection, .selection, .selection, .selection,
                .background,
            ])
    }

    @Test func wideCharacterAtTheRightEdgeBecomesASpace() {
        var canvas = Canvas(rows: 1, cols: 5)
        let taken = canvas.set("中", row: 0, col: 4, role: .text)
        #expect(taken == 1)
        #expect(canvas[0, 4] == Cell(character: " ", width: 1, role: .text))
        canvas.put("ab中", row: 0, col: 2, overflow: .clip)
        #expect(cells(canvas, row: 0) == "  ab ")
    }

    @Test func wideCharacterAtTheEdgeOfAFieldBecomesASpace() {
        var canvas = Canvas(rows: 1, cols: 8)
        canvas.put("中文字", row: 0, col: 0, width: 4)
        #expect(cells(canvas, row: 0) == "中>…     ")
        canvas.put("中文字", row: 0, col: 4, width: 3, overflow: .clip)
        #expect(cells(canvas, row: 0) == "中>… 中>  ")
    }

    @Test func overwritingEitherHalfOfAWideCharacterBlanksTheOther() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("中中", row: 0, col: 1)
        #expect(cells(canvas, row: 0) == " 中>中> ")
        canvas.set("x", row: 0, col: 2, role: .text)
        #expect(cells(canvas, row: 0) == "  x中> ")
        canvas.set("y", row: 0, col: 3, role: .text)
        #expect(cells(canvas, row: 0) == "  xy  ")
        canvas.put("文", row: 0, col: 0)
        canvas.put("字", row: 0, col: 1)
        #expect(cells(canvas, row: 0) == " 字>y  ")
    }

    /// ASCII text is stored a cell per byte, not a grapheme at a time: over wide characters (cut at either end of
    /// the run, or lying wholly inside it), up to the right edge, padded in a field or not, it leaves exactly the
    /// cells that writing it one character at a time leaves.
    @Test func asciiTextLeavesWhatWritingEachCharacterLeaves() {
        var rng = SystemRandomNumberGenerator()
        let roles: [StyleRole] = [.text, .profit, .loss, .dim]
        for _ in 0..<3_000 {
            var canvas = Canvas(rows: 2, cols: 12)
            for _ in 0..<4 {
                canvas.put(
                    ["中", "文字", "ab", "🚀x"].randomElement(using: &rng)!, row: Int.random(in: 0..<2, using: &rng),
                    col: Int.random(in: 0..<12, using: &rng), role: roles.randomElement(using: &rng)!)
            }
            let text = String(
                (0..<Int.random(in: 0...8, using: &rng)).map { _ in "abc 9.%-x".randomElement(using: &rng)! })
            let row = Int.random(in: 0..<2, using: &rng)
            // Text that fits its field (a longer one is cut with an ellipsis, by another path).
            let col = Int.random(in: 0...(12 - text.count), using: &rng)
            let width = Bool.random(using: &rng) ? nil : Int.random(in: text.count...(12 - col), using: &rng)
            let role = roles.randomElement(using: &rng)!
            var expected = canvas
            var cursor = col
            for character in text {
                cursor += expected.set(character, row: row, col: cursor, role: role, attributes: .bold)
            }
            if let width {
                let end = min(12, col + width)
                while cursor < end { cursor += expected.set(" ", row: row, col: cursor, role: role, attributes: .bold) }
            }
            canvas.put(text, row: row, col: col, width: width, role: role, attributes: .bold)
            #expect(canvas == expected, "\(text) at \(row), \(col), width \(String(describing: width))")
        }
    }

    @Test func textOffTheLeftEdgeKeepsOnlyWholeCells() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.put("中ab", row: 0, col: -1)
        #expect(cells(canvas, row: 0) == " ab ")
    }

    @Test func combiningMarksStayOnTheirBaseAndControlsAreDropped() {
        var canvas = Canvas(rows: 1, cols: 6)
        canvas.put("e\u{301}x\t\u{7}y", row: 0, col: 0)
        #expect(canvas[0, 0].character == Character("e\u{301}"))
        #expect(cells(canvas, row: 0) == "e\u{301}xy   ")
    }

    @Test func writesOffTheCanvasChangeNothing() {
        var canvas = Canvas(rows: 2, cols: 4)
        let before = canvas
        #expect(canvas.put("abc", row: -1, col: 0) == 0)
        #expect(canvas.put("abc", row: 2, col: 0) == 0)
        #expect(canvas.put("abc", row: 0, col: 4) == 0)
        #expect(canvas.put("abc", row: 0, col: 1, width: 0) == 0)
        canvas.fill(Rect(row: 5, col: 5, rows: 2, cols: 2), with: "#", role: .text)
        #expect(canvas == before)
    }

    @Test func fillCoversTheClippedRectangle() {
        var canvas = Canvas(rows: 3, cols: 4)
        canvas.fill(Rect(row: 1, col: 2, rows: 5, cols: 5), with: "#", role: .dialog)
        #expect(canvas.textDump() == "\n  ##\n  ##")
        #expect(canvas[2, 3].role == .dialog)
        #expect(canvas[0, 3].role == .background)
    }

    @Test func restyleKeepsCharacters() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.put("abcd", row: 0, col: 0, role: .text)
        canvas.restyle(Rect(row: 0, col: 1, rows: 1, cols: 2), role: .selection, attributes: .bold)
        #expect(canvas.textDump() == "abcd")
        #expect(canvas[0, 1].role == .selection && canvas[0, 1].attributes == .bold)
        #expect(canvas[0, 3].role == .text)
    }

    @Test func equalRendersAreEqualAndOneCellMakesADifference() {
        func render(_ name: String) -> Canvas {
            var canvas = Canvas(rows: 3, cols: 10)
            canvas.put(name, row: 1, col: 1, width: 8, role: .accent)
            return canvas
        }
        #expect(render("Wu666666") == render("Wu666666"))
        #expect(render("Wu666666") != render("Wu666667"))
        var restyled = render("Wu666666")
        restyled.restyle(Rect(row: 1, col: 1, rows: 1, cols: 1), role: .loss)
        #expect(restyled != render("Wu666666"))
    }

    @Test func asciiGlyphsUseAnAsciiEllipsis() {
        var canvas = Canvas(rows: 1, cols: 4, glyphs: .ascii)
        canvas.put("abcdef", row: 0, col: 0)
        #expect(canvas.textDump() == "abc~")
    }
}
