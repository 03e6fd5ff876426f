import Foundation
import Testing

@testable import AnchorTUI

@Suite struct CanvasDrawingTests {
    @Test func boxHasCornersEdgesAndACutTitle() {
        var canvas = Canvas(rows: 4, cols: 10)
        canvas.drawBox(canvas.bounds, title: "Positions")
        #expect(canvas.textDump() == "┌─ Pos… ─┐\n│        │\n│        │\n└────────┘")
        #expect(canvas[0, 0].role == .border)
        #expect(canvas[0, 3].role == .header)
        #expect(canvas[0, 2].role == .border)
    }

    @Test func boxTitleThatFitsIsWhole() {
        var canvas = Canvas(rows: 3, cols: 16)
        canvas.drawBox(canvas.bounds, style: .rounded, title: "资金")
        #expect(canvas.textDump() == "╭─ 资金 ───────╮\n│              │\n╰──────────────╯")
    }

    @Test(arguments: BoxStyle.allCases)
    func asciiBoxesUsePlusMinusAndBar(style: BoxStyle) {
        var canvas = Canvas(rows: 3, cols: 6, glyphs: .ascii)
        canvas.drawBox(canvas.bounds, style: style)
        #expect(canvas.textDump() == "+----+\n|    |\n+----+")
    }

    @Test func boxWithFillClearsItsInside() {
        var canvas = Canvas(rows: 4, cols: 6)
        canvas.fill(canvas.bounds, with: "x", role: .text)
        canvas.drawBox(canvas.bounds, style: .double, fill: .dialog)
        #expect(canvas.textDump() == "╔════╗\n║    ║\n║    ║\n╚════╝")
        #expect(canvas[1, 1].role == .dialog)
    }

    @Test func boxSmallerThanTwoByTwoDrawsNothing() {
        var canvas = Canvas(rows: 3, cols: 3)
        let before = canvas
        canvas.drawBox(Rect(row: 0, col: 0, rows: 1, cols: 3))
        canvas.drawBox(Rect(row: 0, col: 0, rows: 3, cols: 1))
        #expect(canvas == before)
    }

    @Test func ruleJoinsTheSidesOfABox() {
        var canvas = Canvas(rows: 5, cols: 8)
        canvas.drawBox(canvas.bounds)
        canvas.drawRule(row: 2, col: 0, width: 8, joinsBox: true)
        canvas.drawVerticalRule(row: 0, col: 4, height: 3, joinsBox: true)
        #expect(canvas.textDump() == "┌───┬──┐\n│   │  │\n├───┴──┤\n│      │\n└──────┘")
    }

    @Test func sparklineScalesBetweenItsOwnMinimumAndMaximum() {
        var canvas = Canvas(rows: 1, cols: 8)
        let values: [Decimal] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(canvas.drawSparkline(values, row: 0, col: 0, width: 8) == 8)
        #expect(canvas.textDump() == "▁▂▃▄▅▆▇█")
        #expect(canvas[0, 0].role == .accent)
    }

    @Test func sparklineShowsTheLatestValuesThatFit() {
        var canvas = Canvas(rows: 1, cols: 3)
        canvas.drawSparkline([1, 2, 3, 4, 5, 6, 7, 8] as [Double], row: 0, col: 0, width: 3)
        #expect(canvas.textDump() == "▁▅█")
    }

    @Test func flatSparklineSitsInTheMiddle() {
        var canvas = Canvas(rows: 1, cols: 4)
        canvas.drawSparkline([Decimal(string: "30.82")!, Decimal(string: "30.82")!], row: 0, col: 0, width: 4)
        #expect(canvas.textDump() == "▄▄")
    }

    @Test func sparklineHandlesNegativeDecimals() {
        var canvas = Canvas(rows: 1, cols: 3)
        canvas.drawSparkline(
            [Decimal(string: "-0.12")!, Decimal(string: "-0.10")!, Decimal(string: "-0.11")!], row: 0, col: 0,
            width: 3)
        #expect(canvas.textDump() == "▁█▅")
    }

    @Test func asciiSparklineUsesAsciiLevels() {
        var canvas = Canvas(rows: 1, cols: 2, glyphs: .ascii)
        canvas.drawSparkline([0, 7] as [Double], row: 0, col: 0, width: 2)
        #expect(canvas.textDump() == "_#")
    }

    @Test func textDumpTrimsTrailingSpacesAndSkipsContinuations() {
        var canvas = Canvas(rows: 2, cols: 8)
        canvas.put("中文 ab", row: 0, col: 0)
        #expect(canvas.textDump() == "中文 ab\n")
    }

    @Test func styleDumpNamesRolesPerCellAndListsAttributeRuns() {
        var canvas = Canvas(rows: 2, cols: 6)
        canvas.put("中x", row: 0, col: 1, role: .profit, attributes: [.bold, .underline])
        canvas.put("!", row: 1, col: 5, role: .danger, attributes: .reverse)
        #expect(
            canvas.styleDump() == """
                .ppp..
                .....x
                row 0 cols 1-3: bold+underline
                row 1 cols 5-5: reverse
                """)
    }

    @Test func goldenDumpCarriesSizeTextAndLegend() {
        var canvas = Canvas(rows: 1, cols: 3)
        canvas.put("ok", row: 0, col: 0, role: .ok)
        #expect(canvas.goldenDump() == "canvas 1x3\n-- text\nok\n-- style (.=background o=ok)\noo.\n")
    }
}
