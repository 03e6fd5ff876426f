import AnchorCore
import Foundation

/// Three cards under the header: the main account, the sub-accounts, and the two combined.
enum SummaryCards {
    static func draw(_ canvas: inout Canvas, _ state: AppState, _ area: Rect) {
        let strings = state.strings
        let totals = state.snapshot.totals
        let mainWidth = area.cols * 38 / 100
        let subWidth = area.cols * 34 / 100
        let cards = [
            Rect(row: area.row, col: area.col, rows: area.rows, cols: mainWidth),
            Rect(row: area.row, col: area.col + mainWidth, rows: area.rows, cols: subWidth),
            Rect(
                row: area.row, col: area.col + mainWidth + subWidth, rows: area.rows,
                cols: area.cols - mainWidth - subWidth),
        ]
        let waiting = state.snapshot.generation == 0
        let contents: [(title: String, line: [String], pnl: CurrencyAmounts)] = [
            (
                strings.mainAccount,
                strings.mainPositions(totals.mainPositions, long: totals.mainLong, short: totals.mainShort),
                totals.mainPnL
            ),
            (
                strings.subAccounts, strings.subPositions(accounts: totals.subAccounts, positions: totals.subPositions),
                totals.subPnL
            ),
            (
                strings.combined, strings.positionCount(totals.mainPositions + totals.subPositions),
                totals.combinedPnL
            ),
        ]
        for (rect, content) in zip(cards, contents) {
            canvas.drawBox(rect, style: .rounded, title: content.title)
            let inner = rect.inset(by: 1)
            guard inner.cols > 0, inner.rows >= 2 else { continue }
            if waiting {
                canvas.put("…", row: inner.row, col: inner.col + 1, role: .dim)
                continue
            }
            let room = inner.cols - 1
            canvas.put(
                TextFormat.firstFitting(content.line, width: room), row: inner.row, col: inner.col + 1, width: room)
            let label = strings.pnl + " "
            var written = canvas.put(label, row: inner.row + 1, col: inner.col + 1, role: .dim)
            // USDT always, then each other currency on its own: a coin-margined PnL is never added to USDT.
            var amounts = content.pnl.ordered.filter { $0.currency != PositionScope.managedCurrency }
            amounts.insert((PositionScope.managedCurrency, content.pnl.usdt), at: 0)
            for (index, entry) in amounts.enumerated() {
                let text =
                    (index > 0 ? " · " : "") + TextFormat.signed(entry.amount, currency: entry.currency) + " "
                    + entry.currency
                // An amount that does not fit whole is left out, never cut into a wrong figure: "…" says more follow.
                if index > 0, TextWidth.of(text) > room - written {
                    canvas.put(
                        " …", row: inner.row + 1, col: inner.col + 1 + written, width: room - written, role: .dim)
                    break
                }
                let role: StyleRole = entry.amount > 0 ? .profit : (entry.amount < 0 ? .loss : .text)
                written += canvas.put(
                    text, row: inner.row + 1, col: inner.col + 1 + written,
                    width: min(TextWidth.of(text), room - written), role: role, attributes: index == 0 ? .bold : [])
            }
        }
    }
}
