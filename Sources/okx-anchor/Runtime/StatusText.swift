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
                + "PnL \(signed(totals.mainPnL)) USDT")
        lines.append(
            "sub        \(totals.subAccounts) accounts, \(totals.subPositions) positions   PnL \(signed(totals.subPnL)) USDT")
        lines.append("combined   PnL \(signed(totals.combinedPnL)) USDT")
        for account in snapshot.accounts where account.lastError != nil {
            lines.append("! \(account.name): \(account.lastError ?? "")")
        }
        lines.append("")
        let header = ["ACCOUNT", "INSTRUMENT", "SIDE", "SIZE", "NOTIONAL", "MARGIN", "BAND", "RATE", "CNT", "LEV", "STATUS"]
        var rows: [[String]] = [header]
        for view in snapshot.positions {
            let p = view.position
            rows.append([
                view.key.account, view.key.instId, view.key.posSide.rawValue, "\(view.size)",
                Format.usdt(view.notional), p.margin.map(Format.usdt) ?? "-",
                "\(Format.usdt(view.band.lower))-\(Format.usdt(view.band.upper))",
                p.uplRatio.map(Format.percent) ?? "-", "\(view.maintenanceCount)", p.lever.map { "\($0)x" } ?? "-",
                statusText(view.status),
            ])
        }
        let widths = (0..<header.count).map { column in rows.map { TextWidth.of($0[column]) }.max() ?? 0 }
        let rightAligned: Set<Int> = [3, 4, 5, 7, 8, 9]
        for row in rows {
            let cells = row.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - TextWidth.of(text))
                return rightAligned.contains(column) ? pad + text : text + pad
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
        return lines
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
