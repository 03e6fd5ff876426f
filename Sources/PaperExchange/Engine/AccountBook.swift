package import Foundation

/// Everything the exchange holds for one account: cash per currency, positions, leverage settings, orders and
/// bills.
package struct AccountBook: Sendable {
    /// Who the account is.
    package var account: SimAccount
    /// The main account's uid (equal to `account.uid` for the main account).
    package var mainUid: String
    /// Cash balance per currency, not counting isolated margin (`cashBal` of each `details` row).
    package var cash: [String: Decimal]
    /// Long/short or one-way (net) mode.
    package var posMode: PositionMode = .longShort
    /// Open positions.
    package var positions: [PositionKey: Position] = [:]
    /// Leverage set per instrument, margin mode and side (cross and net-mode settings use side `net`).
    package var leverage: [PositionKey: Decimal] = [:]
    /// Every order ever placed, oldest first.
    package private(set) var orders: [Order] = []
    /// Bills, oldest first.
    package var bills: [Bill] = []
    /// Closed (and partly closed) positions, oldest first.
    package var history: [PositionHistoryRow] = []
    /// The last closed position per key, kept so a query by instId can show it with `pos` "0" as OKX does.
    package var lastClosed: [PositionKey: Position] = [:]
    /// Bumped on every change, so cached renderings can tell they are stale.
    package var revision: UInt64 = 0
    /// Indexes of pending orders in `orders`.
    package private(set) var pending: Set<Int> = []
    private var orderIndexById: [String: Int] = [:]
    private var orderIndexesByClOrdId: [String: [Int]] = [:]

    /// Creates an empty book with a USDT cash balance and, optionally, other currencies.
    package init(account: SimAccount, mainUid: String, cashBal: Decimal, cash: [String: Decimal] = [:]) {
        self.account = account
        self.mainUid = mainUid
        self.cash = cash
        self.cash["USDT"] = cashBal
    }

    /// USDT cash balance, not counting isolated margin.
    package var cashBal: Decimal {
        get { cash["USDT"] ?? 0 }
        set { cash["USDT"] = newValue }
    }

    /// Cash of one currency.
    package func cash(_ ccy: String) -> Decimal { cash[ccy] ?? 0 }

    /// USDT held back by pending opening orders.
    package var ordFrozen: Decimal { ordFrozen("USDT") }

    /// Cash of one currency held back by pending opening orders.
    package func ordFrozen(_ ccy: String) -> Decimal {
        pending.reduce(Decimal(0)) { orders[$1].ccy == ccy ? $0 + orders[$1].frozen : $0 }
    }

    /// USDT `availBal = cashBal − open-order freeze` (cross initial margin aside: see ``ExchangeState``).
    package var availBal: Decimal { cashBal - ordFrozen }

    /// Adds an order to the history and returns its index.
    @discardableResult
    package mutating func append(_ order: Order) -> Int {
        let index = orders.count
        orders.append(order)
        orderIndexById[order.ordId] = index
        if !order.clOrdId.isEmpty { orderIndexesByClOrdId[order.clOrdId, default: []].append(index) }
        if order.isPending { pending.insert(index) }
        revision &+= 1
        return index
    }

    /// Replaces the order at `index` (same ordId and clOrdId), keeping the pending set right.
    package mutating func update(_ order: Order, at index: Int) {
        orders[index] = order
        if order.isPending { pending.insert(index) } else { pending.remove(index) }
        revision &+= 1
    }

    /// The index of an order by id.
    package func orderIndex(ordId: String) -> Int? {
        orderIndexById[ordId]
    }

    /// The index of the latest order with this client id (OKX answers only the latest match).
    package func latestOrderIndex(clOrdId: String) -> Int? {
        orderIndexesByClOrdId[clOrdId]?.last
    }

    /// Whether a pending order already uses this client id (the only case OKX refuses a reused id).
    package func hasPendingOrder(clOrdId: String) -> Bool {
        guard let indexes = orderIndexesByClOrdId[clOrdId] else { return false }
        return indexes.contains { orders[$0].isPending }
    }

    /// Pending orders on one instrument (and side, and margin mode, when given).
    package func pendingOrders(instId: String, posSide: PositionSide? = nil, mgnMode: MarginMode? = nil) -> [Int] {
        pending.filter {
            orders[$0].instId == instId && (posSide == nil || orders[$0].posSide == posSide)
                && (mgnMode == nil || orders[$0].mgnMode == mgnMode)
        }.sorted()
    }

    /// Contracts held by pending closing orders on a position.
    package func pendingCloseSize(_ key: PositionKey) -> Decimal {
        pending.reduce(Decimal(0)) { sum, index in
            let order = orders[index]
            return order.key == key && order.isClosing ? sum + order.sz - order.accFillSz : sum
        }
    }

    /// Contracts held by pending opening orders on a position.
    package func pendingOpenSize(_ key: PositionKey) -> Decimal {
        pending.reduce(Decimal(0)) { sum, index in
            let order = orders[index]
            return order.key == key && !order.isClosing ? sum + order.sz - order.accFillSz : sum
        }
    }
}
