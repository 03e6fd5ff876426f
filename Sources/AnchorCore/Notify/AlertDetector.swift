import AnchorStore
public import Foundation
import OKX

/// Turns snapshots into changes of the conditions worth a message: a position due for super maintenance, a
/// position near liquidation, an account down. Pure: no I/O; the store decides who sends (`Notifier`).
///
/// Every condition is reported on its first sight (active or not, so a stale "active" left in the store by a
/// process that stopped is cleared) and then on each change; a position that vanished from an account that
/// answered is no longer due.
public struct AlertDetector: Sendable {
    /// A condition that changed, with the alert to send if this process is the one that changes it in the store.
    public struct Change: Sendable, Hashable {
        public var key: String
        public var active: Bool
        public var alert: Alert?
    }

    public let environment: String
    public let settings: AlertSettings
    public let trigger: Decimal
    private var known: [String: Bool] = [:]
    /// Seconds between polls: an outage is counted in polls from how long the account has been failing.
    public let pollInterval: TimeInterval
    /// When each failing account first failed as this detector saw it (used when it never answered at all).
    private var failingSince: [String: Date] = [:]

    public init(environment: String, settings: AlertSettings, trigger: Decimal, pollInterval: TimeInterval = 2) {
        self.environment = environment
        self.settings = settings
        self.trigger = trigger
        self.pollInterval = max(pollInterval, 0.001)
    }

    public mutating func observe(_ snapshot: Snapshot) -> [Change] {
        var changes: [Change] = []
        let time = snapshot.takenAt
        let stamp = String(Int64((time.timeIntervalSince1970 * 1000).rounded(.down)))
        func report(_ key: String, _ active: Bool, _ alert: @autoclosure () -> Alert?) {
            guard known[key] != active else { return }
            known[key] = active
            changes.append(Change(key: key, active: active, alert: alert()))
        }
        let staleAccounts = Set(snapshot.accounts.filter(\.isStale).map(\.name))
        var present: Set<String> = []

        for view in snapshot.positions where !staleAccounts.contains(view.key.account) {
            let id = [view.key.account, view.key.instId, view.key.posSide.rawValue, view.position.posId]
                .joined(separator: "|")
            let side = view.key.posSide.rawValue
            let dueKey = "due|" + id
            present.insert(dueKey)
            let due = view.isManaged && (view.profitRate.map { $0 <= trigger } ?? false)
            report(
                dueKey, due,
                !due
                    ? nil
                    : Alert(
                        kind: .maintenanceDue, environment: environment, account: view.key.account,
                        instId: view.key.instId, side: side,
                        facts: [
                            .init("profit_rate", view.profitRate.map(Format.percent) ?? "-"),
                            .init("trigger", Format.percent(trigger)),
                            .init("margin", Format.usdt(view.margin) + " " + view.currency),
                            .init("count", String(view.maintenanceCount)),
                        ],
                        time: time, dedupKey: "\(dueKey)|on|\(stamp)"))
            let liqKey = "liq|" + id
            present.insert(liqKey)
            let warn = NSDecimalNumber(decimal: settings.liquidationWarn).doubleValue
            let distance = view.metrics?.liquidationDistance
            let near = distance.map { $0 >= 0 && $0 <= warn } ?? false
            report(
                liqKey, near,
                !near
                    ? nil
                    : Alert(
                        kind: .liquidationNear, environment: environment, account: view.key.account,
                        instId: view.key.instId, side: side,
                        facts: [
                            .init("distance", distance.map(Format.percent) ?? "-"),
                            .init("mark", view.position.markPx.map(OKXDecimal.string) ?? "-"),
                            .init("liq_px", view.position.liqPx.map(OKXDecimal.string) ?? "-"),
                            .init("margin", Format.usdt(view.margin) + " " + view.currency),
                        ],
                        time: time, dedupKey: "\(liqKey)|on|\(stamp)"))
        }
        let answered = Set(snapshot.accounts.filter { !$0.isStale }.map(\.name))
        for (key, active) in known where active && !present.contains(key) && !key.hasPrefix("down|") {
            let account = key.split(separator: "|").dropFirst().first.map(String.init) ?? ""
            if answered.contains(account) { report(key, false, nil) }
        }

        // Accounts: the failed polls in a row are counted from how long the account has been failing (since its
        // last good read), not from snapshots, which are also published after actions without a poll.
        for account in snapshot.accounts {
            let key = "down|" + account.name
            var count = 0
            if account.lastError != nil {
                let firstSeen = failingSince[account.name] ?? time.addingTimeInterval(-pollInterval)
                failingSince[account.name] = firstSeen
                let since = account.fetchedAt ?? firstSeen
                count = max(1, Int((time.timeIntervalSince(since) / pollInterval).rounded()))
            } else {
                failingSince[account.name] = nil
            }
            let down = count > settings.accountDownAfter
            if down {
                report(
                    key, true,
                    Alert(
                        kind: .accountDown, environment: environment, account: account.name,
                        facts: [.init("polls", String(count))], detail: account.lastError, time: time,
                        dedupKey: "\(key)|on|\(stamp)"))
            } else if count == 0 {
                report(
                    key, false,
                    Alert(
                        kind: .accountRecovered, environment: environment, account: account.name, time: time,
                        dedupKey: "\(key)|off|\(stamp)"))
            }
        }
        return changes
    }
}
