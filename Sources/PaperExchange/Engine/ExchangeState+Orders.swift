package import Foundation

/// Order types the paper exchange runs.
package enum OrderType: String, Sendable, Equatable {
    /// Fills at once at the mark.
    case market
    /// Fills at once at the mark if it crosses, else rests at its price.
    case limit
    /// A limit order that is cancelled rather than take liquidity.
    case postOnly = "post_only"
}

/// A validated place-order request (the HTTP front checks the parameters; the state checks the rules).
package struct OrderRequest: Sendable, Equatable {
    /// The instrument.
    package var instId: String
    /// Buy or sell.
    package var side: OrderSide
    /// The position side.
    package var posSide: PositionSide
    /// Market, limit or post-only.
    package var ordType: OrderType
    /// Contracts.
    package var sz: Decimal
    /// Limit price.
    package var px: Decimal?
    /// Client order id, "" for none.
    package var clOrdId: String
    /// Tag, "" for none.
    package var tag: String

    /// Creates a request.
    package init(
        instId: String, side: OrderSide, posSide: PositionSide, ordType: OrderType = .market, sz: Decimal,
        px: Decimal? = nil, clOrdId: String = "", tag: String = ""
    ) {
        self.instId = instId
        self.side = side
        self.posSide = posSide
        self.ordType = ordType
        self.sz = sz
        self.px = px
        self.clOrdId = clOrdId
        self.tag = tag
    }
}

extension ExchangeState {
    /// Places an order for an account by OKX's rules (okx/API.md §3 "POST /trade/order").
    ///
    /// Market orders fill at once at the mark; a closing market order larger than the position is trimmed to it.
    /// Returns the order as stored (filled, live or, for a crossing post-only order, cancelled).
    package mutating func placeOrder(book: Int, _ request: OrderRequest, now: Int64) throws(ExchangeRejection) -> Order
    {
        guard let index = instrumentIndex[request.instId] else { throw .unknownInstrument }
        let instrument = instruments[index]
        if !request.clOrdId.isEmpty, books[book].hasPendingOrder(clOrdId: request.clOrdId) { throw .duplicateClOrdId }
        guard request.sz >= instrument.minSz else { throw .belowMinimum }
        guard request.sz.isMultiple(of: instrument.lotSz) else { throw .notLotMultiple }
        switch request.ordType {
        case .market:
            guard request.sz <= instrument.maxMktSz else { throw .marketTooLarge }
        case .limit, .postOnly:
            guard request.sz <= instrument.maxLmtSz else { throw .limitTooLarge }
            guard let px = request.px, px > 0, px.isMultiple(of: instrument.tickSz) else { throw .parameterError("px") }
        }
        let key = PositionKey(instId: request.instId, posSide: request.posSide)
        var order = Order(
            ordId: "", clOrdId: request.clOrdId, tag: request.tag, instId: request.instId, side: request.side,
            posSide: request.posSide, ordType: request.ordType.rawValue,
            px: request.ordType == .market ? nil : request.px, sz: request.sz, state: .live,
            lever: leverage(book: book, key), cTime: now)
        if order.isClosing {
            guard let position = books[book].positions[key] else { throw .nothingToClose }
            let available = position.pos - books[book].pendingCloseSize(key)
            guard available > 0 else { throw .closeTooLarge }
            if request.ordType == .market {
                order.sz = min(order.sz, available)
            } else if order.sz > available {
                throw .closeTooLarge
            }
        } else {
            let held = (books[book].positions[key]?.pos ?? 0) + books[book].pendingOpenSize(key)
            guard held + order.sz <= instrument.positionCap(lever: order.lever) else { throw .tierCap }
        }
        let mark = walks[index].price
        let crosses: Bool
        if let px = order.px { crosses = request.side == .buy ? px >= mark : px <= mark } else { crosses = true }
        if crosses && request.ordType == .postOnly {
            order.ordId = nextId()
            order.state = .canceled
            order.cancelSource = "31"
            books[book].append(order)
            return order
        }
        if crosses {
            order.ordId = nextId()
            try fill(book: book, order: &order, price: mark, rate: settings.takerRate, checkCash: true, now: now)
            books[book].append(order)
            return order
        }
        if !order.isClosing {
            let q = instrument.baseUnits(order.sz)
            let px = order.px ?? mark
            order.frozen = (q * px / order.lever).stored + (q * px * settings.takerRate).stored
            guard books[book].availBal >= order.frozen else { throw .insufficientBalance }
        }
        order.ordId = nextId()
        let orderIndex = books[book].append(order)
        limitWatch[index][OrderRef(book: book, order: orderIndex)] = MarkWalk.ticks(
            of: order.px ?? mark, tickSz: instrument.tickSz)
        return order
    }

    /// Closes a whole position side at market (`POST /trade/close-position`). Pending closing orders are
    /// cancelled first with `autoCxl`, else the close is refused.
    package mutating func closePosition(
        book: Int, instId: String, posSide: PositionSide, autoCxl: Bool, clOrdId: String, tag: String, now: Int64
    ) throws(ExchangeRejection) -> Order {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        let key = PositionKey(instId: instId, posSide: posSide)
        guard let position = books[book].positions[key] else { throw .noPosition }
        if !clOrdId.isEmpty, books[book].hasPendingOrder(clOrdId: clOrdId) { throw .duplicateClOrdId }
        let closing = books[book].pendingOrders(instId: instId, posSide: posSide).filter {
            books[book].orders[$0].isClosing
        }
        if !closing.isEmpty {
            guard autoCxl else { throw .pendingCloseOrders }
            for orderIndex in closing { cancel(book: book, orderIndex: orderIndex, source: "1", now: now) }
        }
        var order = Order(
            ordId: "", clOrdId: clOrdId, tag: tag, instId: instId, side: posSide == .long ? .sell : .buy,
            posSide: posSide, ordType: "market", px: nil, sz: position.pos, state: .live, lever: position.lever,
            cTime: now)
        order.ordId = nextId()
        try fill(
            book: book, order: &order, price: walks[index].price, rate: settings.takerRate, checkCash: false, now: now)
        books[book].append(order)
        return order
    }

    /// Cancels a pending order by ordId (which wins) or clOrdId (the latest match).
    package mutating func cancelOrder(
        book: Int, instId: String, ordId: String?, clOrdId: String?, now: Int64
    ) throws(ExchangeRejection) -> Order {
        guard instrumentIndex[instId] != nil else { throw .unknownInstrument }
        let found: Int?
        if let ordId, !ordId.isEmpty {
            found = books[book].orderIndex(ordId: ordId)
        } else if let clOrdId, !clOrdId.isEmpty {
            found = books[book].latestOrderIndex(clOrdId: clOrdId)
        } else {
            throw .orderIdMissing
        }
        guard let orderIndex = found, books[book].orders[orderIndex].instId == instId else { throw .cancelUnknown }
        switch books[book].orders[orderIndex].state {
        case .canceled: throw .cancelCanceled
        case .filled: throw .cancelFilled
        case .live, .partiallyFilled: break
        }
        cancel(book: book, orderIndex: orderIndex, source: "1", now: now)
        return books[book].orders[orderIndex]
    }

    /// The order `GET /trade/order` finds: by ordId if given, else the latest with the clOrdId.
    package func findOrder(book: Int, instId: String, ordId: String?, clOrdId: String?) -> Order? {
        let found: Int?
        if let ordId, !ordId.isEmpty {
            found = books[book].orderIndex(ordId: ordId)
        } else if let clOrdId, !clOrdId.isEmpty {
            found = books[book].latestOrderIndex(clOrdId: clOrdId)
        } else {
            found = nil
        }
        guard let found, books[book].orders[found].instId == instId else { return nil }
        return books[book].orders[found]
    }

    // MARK: Fills

    /// Marks a pending order cancelled and stops watching it.
    mutating func cancel(book: Int, orderIndex: Int, source: String, now: Int64) {
        var order = books[book].orders[orderIndex]
        order.state = .canceled
        order.cancelSource = source
        order.uTime = now
        order.frozen = 0
        books[book].update(order, at: orderIndex)
        if let index = instrumentIndex[order.instId] {
            limitWatch[index][OrderRef(book: book, order: orderIndex)] = nil
        }
    }

    /// Fills a resting limit order the mark has reached, at its own price and the maker rate.
    mutating func fillResting(_ ref: OrderRef, instrument index: Int, now: Int64) {
        limitWatch[index][ref] = nil
        var order = books[ref.book].orders[ref.order]
        guard order.isPending, let px = order.px else { return }
        let frozen = order.frozen
        order.frozen = 0
        books[ref.book].update(order, at: ref.order)
        do {
            try fill(book: ref.book, order: &order, price: px, rate: settings.makerRate, checkCash: false, now: now)
            books[ref.book].update(order, at: ref.order)
        } catch {
            // A closing order whose position went away (liquidated) cannot fill: it is cancelled instead.
            order.frozen = frozen
            books[ref.book].update(order, at: ref.order)
            cancel(book: ref.book, orderIndex: ref.order, source: "9", now: now)
        }
    }

    /// Applies a whole fill of `order` at `price` to the account: opens or adds to the position (margin and fee from
    /// cash), or closes part or all of it (pro-rata margin release, pnl and fee to cash). Writes the bill.
    mutating func fill(
        book: Int, order: inout Order, price: Decimal, rate: Decimal, checkCash: Bool, now: Int64
    ) throws(ExchangeRejection) {
        guard let instrument = instrument(order.instId) else { throw .unknownInstrument }
        let key = PositionKey(instId: order.instId, posSide: order.posSide)
        let tradeId = nextId()
        var bill = Bill(
            billId: "", instId: order.instId, type: .trade, subType: 0, balChg: 0, bal: 0, posBalChg: 0, posBal: 0,
            sz: 0, px: price, pnl: 0, fee: 0, ordId: "", clOrdId: order.clOrdId, ts: now, markPx: markPx(order.instId),
            tradeId: tradeId)
        if order.isClosing {
            guard var position = books[book].positions[key] else { throw .nothingToClose }
            let size = min(order.sz, position.pos)
            let q = instrument.baseUnits(size)
            let pnl = order.posSide == .long ? q * (price - position.avgPx) : q * (position.avgPx - price)
            let fee = (q * price * rate).stored
            let released = size == position.pos ? position.margin : (position.margin * size / position.pos).stored
            books[book].cashBal += released + pnl - fee
            position.margin -= released
            position.pos -= size
            position.pnl += pnl
            position.fee -= fee
            position.closedSz += size
            position.closedValue += size * price
            position.uTime = now
            position.tradeId = tradeId
            order.sz = size
            order.pnl = pnl
            order.fee = -fee
            bill.subType = order.posSide == .long ? 5 : 6
            bill.balChg = released + pnl - fee
            bill.posBalChg = -released
            bill.posBal = position.margin
            bill.sz = size
            bill.pnl = pnl
            bill.fee = -fee
            record(book: book, position: position, type: position.pos == 0 ? 2 : 1, liqPenalty: 0, now: now)
            if position.pos == 0 {
                books[book].positions[key] = nil
                books[book].lastClosed[key] = position
                cancelClosingOrders(book: book, key: key, now: now)
            } else {
                books[book].positions[key] = position
            }
        } else {
            let q = instrument.baseUnits(order.sz)
            let margin = (q * price / order.lever).stored
            let fee = (q * price * rate).stored
            if checkCash { guard books[book].availBal >= margin + fee else { throw .insufficientBalance } }
            books[book].cashBal -= margin + fee
            var position: Position
            if let existing = books[book].positions[key] {
                position = existing
                let total = position.pos + order.sz
                position.avgPx = ((position.pos * position.avgPx + order.sz * price) / total).stored
                position.pos = total
                position.margin += margin
                position.openMaxPos = max(position.openMaxPos, total)
            } else {
                position = Position(
                    posId: nextId(), instId: order.instId, posSide: order.posSide, pos: order.sz, avgPx: price,
                    margin: margin, lever: order.lever, cTime: now, uTime: now)
                books[book].lastClosed[key] = nil
            }
            position.fee -= fee
            position.uTime = now
            position.tradeId = tradeId
            books[book].positions[key] = position
            order.fee = -fee
            bill.subType = order.posSide == .long ? 3 : 4
            bill.balChg = -(margin + fee)
            bill.posBalChg = margin
            bill.posBal = position.margin
            bill.sz = order.sz
            bill.fee = -fee
        }
        order.state = .filled
        order.accFillSz = order.sz
        order.fillPx = price
        order.avgPx = price
        order.fillTime = now
        order.uTime = now
        order.tradeId = tradeId
        order.frozen = 0
        bill.billId = nextId()
        bill.ordId = order.ordId
        bill.bal = books[book].cashBal
        books[book].bills.append(bill)
        books[book].revision &+= 1
        refreshWatch(book: book, key: key)
    }

    /// Cancels what can no longer fill once a position is gone: its pending closing orders.
    mutating func cancelClosingOrders(book: Int, key: PositionKey, now: Int64) {
        for orderIndex in books[book].pendingOrders(instId: key.instId, posSide: key.posSide)
        where books[book].orders[orderIndex].isClosing {
            cancel(book: book, orderIndex: orderIndex, source: "9", now: now)
        }
    }

    /// Writes a positions-history row for a close (type 1 partial, 2 full, 3 liquidation).
    mutating func record(book: Int, position: Position, type: Int, liqPenalty: Decimal, now: Int64) {
        let closeAvgPx = position.closedSz > 0 ? (position.closedValue / position.closedSz).stored : 0
        books[book].history.append(
            PositionHistoryRow(
                posId: position.posId, instId: position.instId, posSide: position.posSide, lever: position.lever,
                openAvgPx: position.avgPx, closeAvgPx: closeAvgPx, closeTotalPos: position.closedSz,
                openMaxPos: position.openMaxPos, pnl: position.pnl, fee: position.fee, liqPenalty: liqPenalty,
                type: type, cTime: position.cTime, uTime: now))
    }
}
