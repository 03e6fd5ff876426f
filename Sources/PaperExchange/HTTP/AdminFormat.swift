import Foundation

/// JSON of the admin API (`/__sim/`): the same string-number style as OKX.
enum AdminFormat {
    /// An account with its keys.
    static func account(_ account: SimAccount) -> String {
        var row = JSONObjectWriter(capacity: 300)
        row.field("apiKey", account.apiKey)
        row.field("name", account.name)
        row.field("passphrase", account.passphrase)
        row.field("role", account.role.rawValue)
        row.field("secretKey", account.secretKey)
        row.field("uid", account.uid)
        return row.finish()
    }

    /// The whole state.
    static func state(_ snapshot: ExchangeSnapshot, faults: [SimFault], requestCount: Int) -> String {
        var marks = JSONObjectWriter(capacity: 1000)
        for (instId, mark) in snapshot.marks.sorted(by: { $0.key < $1.key }) { marks.field(instId, mark) }
        let accounts = snapshot.accounts.map { entry -> String in
            var row = JSONObjectWriter(capacity: 2000)
            row.field("availBal", entry.availBal)
            var cash = JSONObjectWriter(capacity: 100)
            for (ccy, amount) in entry.cash.sorted(by: { $0.key < $1.key }) { cash.field(ccy, amount) }
            row.raw("cash", cash.finish())
            row.field("cashBal", entry.cashBal)
            row.field("eq", entry.eq)
            row.field("isoEq", entry.isoEq)
            row.field("name", entry.account.name)
            row.field("ordFrozen", entry.ordFrozen)
            row.field("orders", Int64(entry.orders.count))
            row.field("posMode", entry.posMode.rawValue)
            row.raw("positions", "[" + entry.positions.map(position).joined(separator: ",") + "]")
            row.field("role", entry.account.role.rawValue)
            row.field("uid", entry.account.uid)
            row.field("upl", entry.upl)
            return row.finish()
        }
        let armed = faults.map { fault -> String in
            var row = JSONObjectWriter(capacity: 150)
            row.field("account", fault.account ?? "")
            row.field("count", fault.count.map { String($0) } ?? "")
            row.field("kind", fault.kindName)
            row.field("path", fault.path ?? "")
            return row.finish()
        }
        var row = JSONObjectWriter(capacity: 4000)
        row.raw("accounts", "[" + accounts.joined(separator: ",") + "]")
        row.raw("faults", "[" + armed.joined(separator: ",") + "]")
        row.raw("marks", marks.finish())
        row.field("now", snapshot.nowMs)
        row.field("requestCount", Int64(requestCount))
        return row.finish()
    }

    private static func position(_ entry: ExchangeSnapshot.PositionEntry) -> String {
        var row = JSONObjectWriter(capacity: 400)
        row.field("avgPx", entry.position.avgPx)
        row.field("instId", entry.position.instId)
        row.field("lever", entry.position.lever)
        row.field("liqPx", entry.metrics.liqPx)
        row.field("margin", entry.position.margin)
        row.field("markPx", entry.metrics.markPx)
        row.field("maxReduce", entry.metrics.maxReduce)
        row.field("mgnMode", entry.position.mgnMode.rawValue)
        row.field("pos", entry.position.pos)
        row.field("posId", entry.position.posId)
        row.field("posSide", entry.position.posSide.rawValue)
        row.field("upl", entry.metrics.upl)
        row.field("uplRatio", entry.metrics.uplRatio)
        return row.finish()
    }
}
