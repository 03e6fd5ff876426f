import AnchorCore
import AnchorStore
import AnchorTUI
import Foundation
import OKX

/// The plain-text status table of `okx-anchor status`.
enum StatusText {
    static func render(_ snapshot: Snapshot, config: AppConfig) -> [String] {
        let totals = snapshot.totals
        var lines: [String] = []
        lines.append("okx-anchor status · \(config.baseURL) · \(JSONReport.timestamp(snapshot.takenAt))")
        lines.append(
            "main       \(totals.mainPositions) positions (\(totals.mainLong) long, \(totals.mainShort) short)   "
                + "PnL \(pnl(totals.mainPnL))")
        lines.append(
            "sub        \(totals.subAccounts) accounts, \(totals.subPositions) positions   PnL \(pnl(totals.subPnL))")
        lines.append("combined   PnL \(pnl(totals.combinedPnL))")
        for account in snapshot.accounts where account.lastError != nil {
            lines.append("! \(account.name): \(account.lastError ?? "")")
        }
        if let storeError = snapshot.storeError { lines.append("! \(storeError)") }
        let unmanaged = snapshot.accounts.filter { !$0.managed }.map(\.name)
        if !unmanaged.isEmpty {
            lines.append("watched, not managed: \(unmanaged.joined(separator: ", ")) ([[accounts]] manage = false)")
        }
        lines.append("")
        let header = [
            "ACCOUNT", "INSTRUMENT", "SIDE", "MODE", "SIZE", "NOTIONAL", "MARGIN", "BAND", "RATE", "CNT", "LEV",
            "STATUS",
        ]
        var rows: [[String]] = [header]
        for view in snapshot.positions {
            let p = view.position
            var mode = p.mgnMode.isEmpty ? "-" : p.mgnMode
            if p.isOneWay { mode += ",net" }
            rows.append([
                view.key.account, view.key.instId, view.direction?.rawValue ?? view.key.posSide.rawValue, mode,
                "\(view.size)", amount(view.notional, view.notionalCurrency),
                p.margin.map { amount($0, view.currency) } ?? "-",
                view.band.map { "\(Format.usdt($0.lower))-\(Format.usdt($0.upper))" } ?? "-",
                p.uplRatio.map(Format.percent) ?? "-", "\(view.maintenanceCount)", p.lever.map { "\($0)x" } ?? "-",
                statusText(view.status),
            ])
        }
        let widths = (0..<header.count).map { column in rows.map { TextWidth.of($0[column]) }.max() ?? 0 }
        let rightAligned: Set<Int> = [4, 5, 6, 8, 9, 10]
        for row in rows {
            let cells = row.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - TextWidth.of(text))
                return rightAligned.contains(column) ? pad + text : text + pad
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
        return lines
    }

    /// PnL by currency, USDT first: `+2.56 USDT, +0.000012 BTC`.
    static func pnl(_ amounts: CurrencyAmounts) -> String {
        var entries = amounts.ordered.filter { $0.currency != PositionScope.managedCurrency }
        entries.insert((PositionScope.managedCurrency, amounts.usdt), at: 0)
        return entries.map {
            (($0.amount > 0 ? "+" : "") + Format.amount($0.amount, currency: $0.currency)) + " \($0.currency)"
        }
        .joined(separator: ", ")
    }

    /// An amount, with its currency named when it is not USDT.
    static func amount(_ value: Decimal, _ currency: String) -> String {
        Format.amount(value, currency: currency) + (currency == PositionScope.managedCurrency ? "" : " " + currency)
    }

    static func signed(_ value: Decimal) -> String {
        (value > 0 ? "+" : "") + Format.usdt(value)
    }

    static func statusText(_ status: PositionStatus) -> String {
        switch status {
        case .inBand: "in band"
        case .aboveBand: "above band"
        case .belowBand: "below band"
        case .maintenanceDue: "MAINTENANCE DUE"
        case .actionRunning: "action running"
        case .interrupted: "INTERRUPTED"
        case .stale: "stale"
        case .error(let message): "error: \(message)"
        case .watched(let reason): "watched: \(reason.text)"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
