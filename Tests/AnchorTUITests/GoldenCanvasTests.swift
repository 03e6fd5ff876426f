import Foundation
import Testing

@testable import AnchorTUI

@Suite struct GoldenCanvasTests {
    /// A panel as phase 2 will draw them: a titled box, a header row, right-aligned figures in profit and loss
    /// colours, a selected row, a CJK account name cut at its column, a rule and a sparkline.
    @Test func summaryPanel() throws {
        var canvas = Canvas(rows: 9, cols: 40)
        canvas.drawBox(canvas.bounds, title: "Fleet 资金 / positions")
        let columns: [(title: String, width: Int, alignment: Alignment)] = [
            ("Account", 10, .left), ("Instrument", 13, .left), ("Margin", 7, .right), ("P/L", 5, .right),
        ]
        var col = 1
        for column in columns {
            canvas.put(
                column.title, row: 1, col: col, width: column.width, role: .header,
                alignment: column.alignment)
            col += column.width + 1
        }
        let rows: [(String, String, String, String, StyleRole)] = [
            ("Wu666666", "APT-USDT-SWAP", "30.82", "+1.20", .profit),
            ("主账户资金管理", "CRO-USDT-SWAP", "20.29", "-2.05", .loss),
        ]
        for (index, row) in rows.enumerated() {
            let line = 2 + index
            canvas.put(row.0, row: line, col: 1, width: 10, role: .text)
            canvas.put(row.1, row: line, col: 12, width: 13, role: .text)
            canvas.put(row.2, row: line, col: 26, width: 7, role: .text, alignment: .right)
            canvas.put(row.3, row: line, col: 34, width: 5, role: row.4, alignment: .right)
        }
        canvas.restyle(Rect(row: 3, col: 1, rows: 1, cols: 38), role: .selection)
        canvas.drawRule(row: 4, col: 0, width: 40, joinsBox: true)
        canvas.put("uplRatio", row: 5, col: 2, role: .dim)
        canvas.drawSparkline(
            ["-0.02", "-0.05", "-0.08", "-0.10", "-0.07", "-0.03", "0.01", "0.04"].map { Decimal(string: $0)! },
            row: 5, col: 12, width: 8, role: .accent)
        canvas.put("-10% trigger", row: 6, col: 2, role: .warning, attributes: .bold)
        canvas.put("LIVE", row: 7, col: 34, width: 5, role: .badgeLive, attributes: .bold, alignment: .center)
        try expectGolden(canvas, named: "summary-panel")
    }

    /// A confirmation dialog over other content in ASCII glyphs, as a terminal without UTF-8 gets it.
    @Test func asciiDialog() throws {
        var canvas = Canvas(rows: 7, cols: 30, glyphs: .ascii)
        for row in 0..<7 {
            canvas.put(String(repeating: "background ", count: 3), row: row, col: 0, role: .dim)
        }
        let dialog = Rect(row: 1, col: 3, rows: 5, cols: 24)
        canvas.drawBox(dialog, style: .double, title: "Super maintenance of APT-USDT-SWAP", fill: .dialog)
        canvas.put("Close 18, reopen 100 USDT", row: 2, col: 5, width: 20, role: .dialog)
        canvas.put("[ Yes ]", row: 4, col: 6, role: .focus, attributes: .bold)
        canvas.put("[ No ]", row: 4, col: 17, role: .dialog)
        try expectGolden(canvas, named: "ascii-dialog")
    }
}
