package import Foundation

/// How a forced close happened: OKX's order `category`.
package enum ForcedClose: String, Sendable, Equatable {
    /// The position fell to its maintenance margin (bill type 5, positions-history type 3).
    case fullLiquidation = "full_liquidation"
    /// Auto-deleveraging closed a profitable position against a liquidated one (bill type 9, history type 5).
    case adl
}

extension ExchangeState {
    /// Closes a position by force at the current mark, leaving what OKX leaves: a filled order of the category,
    /// a bill and a positions-history row.
    ///
    /// Liquidation of an isolated position costs its whole margin and leaves cash untouched (what the margin does
    /// not cover of loss and fee is the penalty, so the realised total is −margin). Liquidation of a cross position
    /// books pnl, fee and a penalty of one maintenance margin (`value·r`, our choice: OKX documents no amount) to
    /// cash. ADL closes at the mark with no fee and no penalty (OKX charges none; it uses the bankruptcy price of
    /// the liquidated counterparty, which the paper exchange does not have, so the mark stands in): the margin
    /// and pnl go back to cash.
    mutating func liquidate(book: Int, key: PositionKey, category: ForcedClose, now: Int64) {
        guard let index = instrumentIndex[key.instId], var position = books[book].positions[key] else { return }
        let instrument = instruments[index]
        let ccy = instrument.settleCcy
        let mark = walks[index].price
        let size = position.size
        let long = position.isLong
        let pnl = instrument.upl(contracts: size, avgPx: position.avgPx, px: mark, long: position.isLong)
        let fee = category == .adl ? 0 : instrument.fee(contracts: size, px: mark, rate: settings.takerRate)
        let liqPenalty: Decimal
        let cashChange: Decimal
        switch (category, position.mgnMode) {
        case (.fullLiquidation, .isolated):
            liqPenalty = -position.margin - pnl + fee
            cashChange = 0
        case (.fullLiquidation, .cross):
            liqPenalty = -(instrument.value(contracts: size, px: mark) * instrument.tier(forContracts: size).mmr)
                .stored
            cashChange = pnl - fee + liqPenalty
        case (.adl, _):
            liqPenalty = 0
            cashChange = position.margin + pnl
        }
        var order = Order(
            ordId: nextId(), clOrdId: "", tag: "", instId: key.instId, side: position.isLong ? .sell : .buy,
            posSide: key.posSide, ordType: "market", px: nil, sz: size, state: .filled, lever: position.lever,
            cTime: now)
        let tradeId = nextId()
        order.mgnMode = key.mgnMode
        order.ccy = ccy
        order.reduceOnly = key.posSide == .net
        order.category = category.rawValue
        order.accFillSz = size
        order.fillPx = mark
        order.avgPx = mark
        order.fillTime = now
        order.fee = -fee
        order.pnl = pnl
        order.tradeId = tradeId
        cancelClosingOrders(book: book, key: key, now: now)
        books[book].append(order)
        books[book].cash[ccy, default: 0] += cashChange
        var bill = Bill(
            billId: nextId(), instId: key.instId, type: category == .adl ? .adl : .liquidation,
            subType: ExchangeState.forcedCloseSubType(category, posSide: key.posSide, long: position.isLong),
            balChg: cashChange, bal: books[book].cash(ccy), posBalChg: -position.margin, posBal: 0, sz: size, px: mark,
            pnl: pnl, fee: -fee, ordId: order.ordId, clOrdId: "", ts: now, markPx: mark, tradeId: tradeId)
        bill.ccy = ccy
        bill.mgnMode = key.mgnMode
        books[book].bills.append(bill)
        position.bookClose(contracts: size, price: mark, pnl: pnl, fee: fee, now: now)
        position.pos = 0
        position.margin = 0
        record(
            book: book, position: position, type: category == .adl ? 5 : 3, liqPenalty: liqPenalty,
            direction: long ? .long : .short, now: now)
        books[book].positions[key] = nil
        books[book].lastClosed[key] = position
        books[book].revision &+= 1
        refreshWatch(book: book, key: key)
    }

    /// A forced close on demand (the admin API and tests): refused with 51023 when there is no such position.
    package mutating func forceClose(
        book: Int, key: PositionKey, category: ForcedClose, now: Int64
    ) throws(ExchangeRejection) {
        guard books[book].positions[key] != nil else { throw .noPosition }
        liquidate(book: book, key: key, category: category, now: now)
    }

    /// OKX's bill sub-types: liquidation 104/105 long/short, 106/107 buy/sell (net mode); ADL 125/126 close
    /// long/short, 127/128 buy/sell (net mode).
    static func forcedCloseSubType(_ category: ForcedClose, posSide: PositionSide, long: Bool) -> Int {
        switch (category, posSide == .net) {
        case (.fullLiquidation, false): return long ? 104 : 105
        case (.fullLiquidation, true): return long ? 107 : 106
        case (.adl, false): return long ? 125 : 126
        case (.adl, true): return long ? 128 : 127
        }
    }
}
