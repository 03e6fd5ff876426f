import AnchorCore
import AnchorStore
import Foundation
import OKX

/// Everything known about one position, or one event of the history.
enum DetailOverlay {
    static func drawPosition(_ canvas: inout Canvas, _ key: PositionKey, _ state: AppState) {
        let strings = state.strings
        let title = "\(strings.positionDetail) · \(key.account) \(key.instId) \(strings.side(key.posSide))"
        guard let view = state.snapshot.position(key) else {
            DialogBox.draw(&canvas, title: title, lines: [.text(strings.positionGone, .warning)], style: .rounded)
            return
        }
        let position = view.position
        func money(_ value: Decimal?) -> String { value.map { Format.usdt($0) } ?? "-" }
        func plain(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "-" }
        var lines: [DialogLine] = [
            .labelled(strings.field(.posId), position.posId.isEmpty ? "-" : position.posId),
            .labelled(strings.field(.size), "\(view.size)"),
            .labelled(strings.field(.averagePrice), plain(position.avgPx)),
            .labelled(strings.field(.markPrice), plain(position.markPx)),
            .labelled(strings.field(.notional), Format.usdt(view.notional)),
            .labelled(strings.field(.margin), money(position.margin)),
            .labelled(
                strings.field(.band),
                "\(Format.usdt(view.band.lower))–\(Format.usdt(view.band.upper)) (\(Format.usdt(view.band.target)))"),
            .labelled(strings.field(.profitRate), view.profitRate.map(Format.percent) ?? "-"),
            .labelled(strings.field(.trigger), view.distanceToTrigger.map(Format.percent) ?? "-"),
            .labelled(strings.field(.upl), position.upl.map(TextFormat.signed) ?? "-"),
            .labelled(strings.field(.leverage), position.lever.map { "\($0)x" } ?? "-"),
            .labelled(strings.field(.liquidation), plain(position.liqPx)),
            .labelled(
                strings.field(.liquidationDistance), view.metrics?.liquidationDistance.map(Format.percent) ?? "-"),
            .labelled(strings.field(.mmr), money(position.mmr)),
            .labelled(strings.field(.reducible), money(view.metrics?.reducible)),
            .labelled(strings.field(.maintenanceCount), "\(view.maintenanceCount)"),
            .labelled(strings.field(.status), strings.status(view.status) + errorText(view.status)),
        ]
        if let id = view.actionId {
            lines.append(.labelled(strings.field(.action), id))
        }
        if let rates = state.history[key], !rates.isEmpty {
            lines.append(DialogLine(content: .sparkline(rates)))
        }
        DialogBox.draw(&canvas, title: title, lines: lines, preferredWidth: 64, labelWidth: 20, style: .rounded)
    }

    static func drawEvent(_ canvas: inout Canvas, _ event: EventRecord, _ state: AppState) {
        let strings = state.strings
        let title = "\(strings.eventDetail) #\(event.id.map(String.init) ?? "?") · \(strings.eventKind(event.kind))"
        func change(_ before: String?, _ after: String?) -> String? {
            guard before != nil || after != nil else { return nil }
            return "\(before ?? "?") → \(after ?? "?")"
        }
        var lines: [DialogLine] = [
            .labelled(strings.field(.time), TextFormat.dateTime(event.time, state.settings.timeZone)),
            .labelled(strings.field(.account), event.account),
            .labelled(strings.field(.instrument), "\(event.instId) \(strings.side(event.posSide))"),
            .labelled(strings.field(.origin), strings.origin(event.origin)),
            .labelled(strings.field(.outcome), strings.outcome(event.outcome)),
        ]
        if let id = event.actionId { lines.append(.labelled(strings.field(.action), id)) }
        if let margin = change(event.marginBefore, event.marginAfter) {
            lines.append(.labelled(strings.field(.marginChange), margin))
        }
        if let size = change(event.sizeBefore, event.sizeAfter) {
            lines.append(.labelled(strings.field(.sizeChange), size))
        }
        if let lever = change(event.leverBefore, event.leverAfter) {
            lines.append(.labelled(strings.field(.leverageChange), lever))
        }
        if let amount = event.amount { lines.append(.labelled(strings.field(.amount), amount)) }
        if let count = event.countAfter { lines.append(.labelled(strings.field(.countAfter), "\(count)")) }
        if event.errorCode != nil || event.errorMessage != nil {
            let code = event.errorCode.map { strings.okxCode($0) + ": " } ?? ""
            lines.append(.labelled(strings.field(.error), code + (event.errorMessage ?? ""), .danger))
        }
        lines.append(.labelled(strings.field(.message), event.message))
        DialogBox.draw(&canvas, title: title, lines: lines, preferredWidth: 72, labelWidth: 16, style: .rounded)
    }

    private static func errorText(_ status: PositionStatus) -> String {
        if case .error(let message) = status { return ": " + message }
        return ""
    }
}
