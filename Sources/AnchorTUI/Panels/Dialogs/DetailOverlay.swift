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
        let currency = view.currency
        func money(_ value: Decimal?) -> String {
            value.map { Format.amount($0, currency: currency) + " " + currency } ?? "-"
        }
        func plain(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "-" }
        let scope = view.scope.watchReason.map { strings.status(.watched($0)) } ?? strings.managed
        var lines: [DialogLine] = [
            .labelled(strings.field(.posId), position.posId.isEmpty ? "-" : position.posId),
            .labelled(strings.field(.scope), scope, view.isManaged ? .text : .dim),
            .labelled(
                strings.field(.side),
                strings.direction(view.direction, oneWay: position.isOneWay) + " · "
                    + strings.positionMode(oneWay: position.isOneWay)),
            .labelled(strings.field(.marginMode), strings.marginMode(position.marginMode)),
            .labelled(strings.field(.size), "\(view.size)"),
            .labelled(strings.field(.averagePrice), plain(position.avgPx)),
            .labelled(strings.field(.markPrice), plain(position.markPx)),
            .labelled(
                strings.field(.notional),
                Format.amount(view.notional, currency: view.notionalCurrency) + " " + view.notionalCurrency),
            .labelled(strings.field(.margin), money(position.margin)),
        ]
        if position.imr != nil { lines.append(.labelled(strings.field(.imr), money(position.imr))) }
        if let band = view.band {
            lines.append(
                .labelled(
                    strings.field(.band),
                    "\(Format.usdt(band.lower))–\(Format.usdt(band.upper)) (\(Format.usdt(band.target)))"))
        }
        lines += [
            .labelled(strings.field(.profitRate), view.profitRate.map(Format.percent) ?? "-"),
            .labelled(
                strings.field(.trigger), view.isManaged ? view.distanceToTrigger.map(Format.percent) ?? "-" : "-"),
            .labelled(
                strings.field(.upl),
                position.upl.map { TextFormat.signed($0, currency: currency) + " " + currency } ?? "-"),
            .labelled(strings.field(.leverage), position.lever.map { "\($0)x" } ?? "-"),
            .labelled(strings.field(.liquidation), plain(position.liqPx)),
            .labelled(
                strings.field(.liquidationDistance), view.metrics?.liquidationDistance.map(Format.percent) ?? "-"),
            .labelled(strings.field(.mmr), money(position.mmr)),
            .labelled(strings.field(.reducible), money(view.isManaged ? view.metrics?.reducible ?? nil : nil)),
            .labelled(strings.field(.maintenanceCount), "\(view.maintenanceCount)"),
            .labelled(strings.field(.status), strings.status(view.status) + errorText(view.status)),
        ]
        // A large fleet is read in turns: how old these numbers are.
        if let readAt = view.readAt {
            let age = max(0, Int(state.now.timeIntervalSince(readAt).rounded(.down)))
            let time = TextFormat.clock(readAt, state.settings.timeZone)
            lines.append(.labelled(strings.field(.readAt), strings.readAgo(time, seconds: age), .dim))
        }
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

    /// The first-day facts of one account: what `okx-anchor doctor` says of it.
    static func drawAccount(_ canvas: inout Canvas, _ name: String, _ check: AccountCheck?, _ state: AppState) {
        let strings = state.strings
        let title = "\(strings.accountDetail) · \(name)"
        guard let check else {
            DialogBox.draw(&canvas, title: title, lines: [.text(strings.checkingAccount, .dim)], style: .rounded)
            return
        }
        let yes = strings.pick("yes", "是")
        let no = strings.pick("no", "否")
        var lines: [DialogLine] = [
            .labelled(strings.accountField(.role), check.role.rawValue),
            .labelled(strings.accountField(.managed), check.managed ? yes : no),
            .labelled(
                strings.accountField(.key), check.keyWorks ? strings.pick("works", "可用") : check.keyProblem ?? "-",
                check.keyWorks ? .ok : .danger),
        ]
        if check.keyWorks {
            lines += [
                .labelled(strings.accountField(.permissions), check.permissions.joined(separator: ", ")),
                .labelled(
                    strings.accountField(.level),
                    check.accountLevel.map { "\($0) (\(AccountCheck.levelName($0)))" } ?? "-"),
                .labelled(
                    strings.accountField(.positionMode),
                    check.positionMode.map { strings.positionMode(oneWay: $0 == "net_mode") } ?? "-"),
                .labelled(strings.accountField(.ipAllowList), check.ipAllowList ?? strings.pick("none", "无")),
            ]
        }
        lines.append(
            .labelled(
                strings.accountField(.clock),
                check.clockSkewMilliseconds.map { "\($0 >= 0 ? "+" : "")\($0) ms" } ?? "-"))
        lines.append(
            .labelled(
                strings.accountField(.polls),
                "\(check.pollHeadroomPercent)% " + strings.pick("free", "空闲")))
        if check.keyWorks {
            lines.append(
                .labelled(
                    strings.accountField(.positions),
                    strings.pick(
                        "\(check.managedPositions) managed, \(check.watched.count) watched",
                        "\(check.managedPositions) 个托管, \(check.watched.count) 个仅观察")))
        }
        for problem in check.problems { lines.append(.text("! " + problem, .danger)) }
        for position in check.watched.prefix(8) {
            lines.append(
                .text(
                    "\(position.instId) \(strings.direction(position.direction, oneWay: false)) \(position.mgnMode): "
                        + strings.watchReason(position.reason), .dim))
        }
        if check.watched.count > 8 {
            lines.append(
                .text(strings.pick("… and \(check.watched.count - 8) more", "… 另有 \(check.watched.count - 8) 个"), .dim))
        }
        DialogBox.draw(&canvas, title: title, lines: lines, preferredWidth: 76, labelWidth: 16, style: .rounded)
    }

    private static func errorText(_ status: PositionStatus) -> String {
        if case .error(let message) = status { return ": " + message }
        return ""
    }
}
