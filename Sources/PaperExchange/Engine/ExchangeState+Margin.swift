package import Foundation

/// Add to or take from an isolated position's margin.
package enum MarginAdjustment: String, Sendable, Equatable {
    /// Move cash into the position.
    case add
    /// Move margin back to cash, up to OKX's limit.
    case reduce
}

extension ExchangeState {
    /// Sets the leverage of an instrument side (`POST /account/set-leverage`, isolated, long/short mode).
    ///
    /// With an open position: raising refunds nothing; lowering tops margin up from cash until
    /// `margin + upl = Q·avgPx/newLever`, refused with 59103 when cash is short (okx/API.md §5).
    package mutating func setLeverage(
        book: Int, instId: String, posSide: PositionSide, lever: Decimal, now: Int64
    ) throws(ExchangeRejection) {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        let instrument = instruments[index]
        guard lever >= 1 else { throw .leverageTooLow }
        guard lever <= instrument.maxLever else { throw .leverageTooHigh }
        let key = PositionKey(instId: instId, posSide: posSide)
        guard books[book].pendingOrders(instId: instId, posSide: posSide).isEmpty else {
            throw .pendingOrdersBlockLeverage
        }
        if var position = books[book].positions[key] {
            guard position.pos <= instrument.positionCap(lever: lever) else {
                throw ExchangeRejection(
                    "59247", "Leverage is too high for the current position size. Lower the leverage and try again.")
            }
            let q = instrument.baseUnits(position.pos)
            let required = (q * position.avgPx / lever).stored
            let mark = walks[index].price
            let upl = posSide == .long ? q * (mark - position.avgPx) : q * (position.avgPx - mark)
            let shortfall = required - (position.margin + upl)
            if shortfall > 0 {
                guard books[book].availBal >= shortfall else { throw .leverageTooLowForMargin }
                books[book].cashBal -= shortfall
                position.margin += shortfall
                appendMarginBill(book: book, position: position, subType: 162, amount: shortfall, now: now)
            }
            position.lever = lever
            position.uTime = now
            books[book].positions[key] = position
        }
        books[book].leverage[key] = lever
        books[book].revision &+= 1
        refreshWatch(book: book, key: key)
    }

    /// Moves margin into or out of an isolated position (`POST /account/position/margin-balance`).
    ///
    /// Adding needs `availBal ≥ amt` (59200 otherwise); reducing is limited by
    /// `maxReduce = margin − Q·avgPx/lever + min(0, upl)` (59301 above it). Returns the position after.
    @discardableResult
    package mutating func adjustMargin(
        book: Int, instId: String, posSide: PositionSide, type: MarginAdjustment, amount: Decimal, now: Int64
    ) throws(ExchangeRejection) -> Position {
        guard instrumentIndex[instId] != nil else { throw .unknownInstrument }
        let key = PositionKey(instId: instId, posSide: posSide)
        guard var position = books[book].positions[key], let metrics = metrics(of: position) else {
            throw .marginNoPosition
        }
        guard amount > 0 else { throw .parameterError("amt") }
        switch type {
        case .add:
            guard books[book].availBal >= amount else { throw .insufficientAccountBalance }
            books[book].cashBal -= amount
            position.margin += amount
        case .reduce:
            guard amount <= metrics.maxReduce else { throw .marginReduceTooLarge }
            books[book].cashBal += amount
            position.margin -= amount
        }
        position.uTime = now
        books[book].positions[key] = position
        appendMarginBill(
            book: book, position: position, subType: type == .add ? 160 : 161, amount: type == .add ? amount : -amount,
            now: now)
        books[book].revision &+= 1
        refreshWatch(book: book, key: key)
        return position
    }

    /// Liquidates a position at the current mark: it is closed, its whole margin is lost, cash is untouched.
    /// Leaves an order of category `full_liquidation`, a bill of type 5 and a positions-history row of type 3.
    mutating func liquidate(book: Int, key: PositionKey, now: Int64) {
        guard let index = instrumentIndex[key.instId], var position = books[book].positions[key] else { return }
        let instrument = instruments[index]
        let mark = walks[index].price
        let q = instrument.baseUnits(position.pos)
        let pnl = key.posSide == .long ? q * (mark - position.avgPx) : q * (position.avgPx - mark)
        let fee = (q * mark * settings.takerRate).stored
        // What the margin does not cover of the loss and fee is the penalty, so the realised total is −margin.
        let liqPenalty = -position.margin - pnl + fee
        let size = position.pos
        var order = Order(
            ordId: nextId(), clOrdId: "", tag: "", instId: key.instId, side: key.posSide == .long ? .sell : .buy,
            posSide: key.posSide, ordType: "market", px: nil, sz: size, state: .filled, lever: position.lever,
            cTime: now)
        let tradeId = nextId()
        order.category = "full_liquidation"
        order.accFillSz = size
        order.fillPx = mark
        order.avgPx = mark
        order.fillTime = now
        order.fee = -fee
        order.pnl = pnl
        order.tradeId = tradeId
        cancelClosingOrders(book: book, key: key, now: now)
        books[book].append(order)
        books[book].bills.append(
            Bill(
                billId: nextId(), instId: key.instId, type: .liquidation, subType: key.posSide == .long ? 104 : 105,
                balChg: 0, bal: books[book].cashBal, posBalChg: -position.margin, posBal: 0, sz: size, px: mark,
                pnl: pnl, fee: -fee, ordId: order.ordId, clOrdId: "", ts: now, markPx: mark, tradeId: tradeId))
        position.pnl += pnl
        position.fee -= fee
        position.closedSz += size
        position.closedValue += size * mark
        position.pos = 0
        position.margin = 0
        position.uTime = now
        record(book: book, position: position, type: 3, liqPenalty: liqPenalty, now: now)
        books[book].positions[key] = nil
        books[book].lastClosed[key] = position
        books[book].revision &+= 1
        refreshWatch(book: book, key: key)
    }

    /// A type-6 bill for margin moved between cash and a position.
    private mutating func appendMarginBill(book: Int, position: Position, subType: Int, amount: Decimal, now: Int64) {
        books[book].bills.append(
            Bill(
                billId: nextId(), instId: position.instId, type: .marginTransfer, subType: subType, balChg: -amount,
                bal: books[book].cashBal, posBalChg: amount, posBal: position.margin, sz: 0, px: nil, pnl: 0, fee: 0,
                ordId: "", clOrdId: "", ts: now, markPx: markPx(position.instId), tradeId: ""))
    }
}
