package import Foundation

extension ExchangeState {
    /// Applies a whole fill of `order` at `price`: in long/short mode it opens or adds to its side, or closes part
    /// or all of it; in net mode an order against the position closes it first and opens the rest the other way
    /// at the same price (a flip: the old position's pnl and margin are released, the new one gets a new posId).
    /// Opening posts margin (isolated) and pays the fee from cash; closing releases margin pro rata and books pnl
    /// and fee to cash. Writes one bill per part.
    mutating func fill(
        book: Int, order: inout Order, price: Decimal, rate: Decimal, checkCash: Bool, now: Int64
    ) throws(ExchangeRejection) {
        guard let instrument = instrument(order.instId) else { throw .unknownInstrument }
        let key = order.key
        let existing = books[book].positions[key]
        var closeSize: Decimal = 0
        var openSize: Decimal = 0
        if order.posSide == .net {
            let opposes = existing.map { $0.isLong == (order.side == .sell) } ?? false
            closeSize = opposes ? min(order.sz, existing?.size ?? 0) : 0
            openSize = order.reduceOnly ? 0 : order.sz - closeSize
            if order.reduceOnly && closeSize == 0 { throw .nothingToClose }
        } else if order.isClosing {
            guard let existing else { throw .nothingToClose }
            closeSize = min(order.sz, existing.size)
        } else {
            openSize = order.sz
        }
        if checkCash, openSize > 0 {
            let needed =
                instrument.openingMargin(contracts: openSize, px: price, lever: order.lever)
                + instrument.fee(contracts: openSize, px: price, rate: rate)
            var available = availBal(book: book, ccy: instrument.settleCcy)
            if closeSize > 0, let existing {
                available += releasedByClose(existing, size: closeSize, price: price, rate: rate, in: instrument)
            }
            guard available >= needed else { throw .insufficientMargin(instrument.settleCcy) }
        }
        let tradeId = nextId()
        var pnl: Decimal = 0
        var fee: Decimal = 0
        if closeSize > 0 {
            let (closedPnl, closedFee) = closePart(
                book: book, key: key, size: closeSize, price: price, rate: rate, order: order, tradeId: tradeId,
                now: now)
            pnl += closedPnl
            fee += closedFee
        }
        if openSize > 0 {
            fee += openPart(
                book: book, key: key, size: openSize, price: price, rate: rate, order: order, tradeId: tradeId,
                now: now)
        }
        order.sz = closeSize + openSize
        order.pnl = pnl
        order.fee = -fee
        order.state = .filled
        order.accFillSz = order.sz
        order.fillPx = price
        order.avgPx = price
        order.fillTime = now
        order.uTime = now
        order.tradeId = tradeId
        order.frozen = 0
        books[book].revision &+= 1
        refreshWatch(book: book, key: key)
    }

    /// What closing `size` of a position at `price` would give back to available cash: released margin (or cross
    /// initial margin), pnl, less the fee.
    private func releasedByClose(
        _ position: Position, size: Decimal, price: Decimal, rate: Decimal, in instrument: Instrument
    ) -> Decimal {
        let pnl = instrument.upl(contracts: size, avgPx: position.avgPx, px: price, long: position.isLong)
        let fee = instrument.fee(contracts: size, px: price, rate: rate)
        let margin =
            position.mgnMode == .isolated
            ? position.marginReleased(closing: size)
            : instrument.openingMargin(contracts: size, px: price, lever: position.lever)
        return margin + pnl - fee
    }

    /// Closes `size` contracts of the position at `key`: pnl and released margin to cash, less the fee. Returns
    /// the pnl and the fee paid.
    private mutating func closePart(
        book: Int, key: PositionKey, size: Decimal, price: Decimal, rate: Decimal, order: Order, tradeId: String,
        now: Int64
    ) -> (Decimal, Decimal) {
        guard var position = books[book].positions[key], let instrument = instrument(key.instId) else { return (0, 0) }
        let pnl = instrument.upl(contracts: size, avgPx: position.avgPx, px: price, long: position.isLong)
        let fee = instrument.fee(contracts: size, px: price, rate: rate)
        let released = position.mgnMode == .cross ? 0 : position.marginReleased(closing: size)
        books[book].cash[instrument.settleCcy, default: 0] += released + pnl - fee
        position.margin -= released
        let wasLong = position.isLong
        // Long/short rows hold a positive size; a net short holds a negative one.
        position.pos = position.pos > 0 ? position.pos - size : position.pos + size
        position.bookClose(contracts: size, price: price, pnl: pnl, fee: fee, now: now)
        position.tradeId = tradeId
        var bill = tradeBill(order: order, instrument: instrument, price: price, tradeId: tradeId, now: now)
        bill.subType = key.posSide == .net ? (order.side == .buy ? 1 : 2) : (wasLong ? 5 : 6)
        bill.balChg = released + pnl - fee
        bill.posBalChg = -released
        bill.posBal = position.margin
        bill.sz = size
        bill.pnl = pnl
        bill.fee = -fee
        bill.bal = books[book].cash(instrument.settleCcy)
        bill.billId = nextId()
        books[book].bills.append(bill)
        record(
            book: book, position: position, type: position.pos == 0 ? 2 : 1, liqPenalty: 0,
            direction: wasLong ? .long : .short, now: now)
        if position.pos == 0 {
            books[book].positions[key] = nil
            books[book].lastClosed[key] = position
            cancelClosingOrders(book: book, key: key, now: now)
        } else {
            books[book].positions[key] = position
        }
        return (pnl, fee)
    }

    /// Opens or adds `size` contracts at `price`: isolated margin and the fee from cash (cross: only the fee).
    /// Returns the fee paid.
    private mutating func openPart(
        book: Int, key: PositionKey, size: Decimal, price: Decimal, rate: Decimal, order: Order, tradeId: String,
        now: Int64
    ) -> Decimal {
        guard let instrument = instrument(key.instId) else { return 0 }
        let margin =
            key.mgnMode == .isolated ? instrument.openingMargin(contracts: size, px: price, lever: order.lever) : 0
        let fee = instrument.fee(contracts: size, px: price, rate: rate)
        books[book].cash[instrument.settleCcy, default: 0] -= margin + fee
        let signed = key.posSide == .net && order.side == .sell ? -size : size
        var position: Position
        if let existing = books[book].positions[key], existing.size > 0 {
            position = existing
            let total = position.size + size
            position.avgPx = ((position.size * position.avgPx + size * price) / total).stored
            position.pos += signed
            position.margin += margin
            position.openMaxPos = max(position.openMaxPos, total)
        } else {
            position = Position(
                posId: nextId(), instId: key.instId, mgnMode: key.mgnMode, posSide: key.posSide, pos: signed,
                avgPx: price, margin: margin, lever: order.lever, cTime: now, uTime: now)
            books[book].lastClosed[key] = nil
        }
        position.fee -= fee
        position.uTime = now
        position.tradeId = tradeId
        books[book].positions[key] = position
        var bill = tradeBill(order: order, instrument: instrument, price: price, tradeId: tradeId, now: now)
        bill.subType = key.posSide == .net ? (order.side == .buy ? 1 : 2) : (key.posSide == .long ? 3 : 4)
        bill.balChg = -(margin + fee)
        bill.posBalChg = margin
        bill.posBal = position.margin
        bill.sz = size
        bill.fee = -fee
        bill.bal = books[book].cash(instrument.settleCcy)
        bill.billId = nextId()
        books[book].bills.append(bill)
        return fee
    }

    /// A type-2 bill for one part of a fill, to be completed (and given its id) by the caller.
    private func tradeBill(
        order: Order, instrument: Instrument, price: Decimal, tradeId: String, now: Int64
    ) -> Bill {
        var bill = Bill(
            billId: "", instId: order.instId, type: .trade, subType: 0, balChg: 0, bal: 0, posBalChg: 0,
            posBal: 0, sz: 0, px: price, pnl: 0, fee: 0, ordId: order.ordId, clOrdId: order.clOrdId, ts: now,
            markPx: markPx(order.instId), tradeId: tradeId)
        bill.ccy = instrument.settleCcy
        bill.mgnMode = order.mgnMode
        return bill
    }
}
