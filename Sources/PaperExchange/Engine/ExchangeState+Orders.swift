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
    /// The position side: `long`/`short` in long/short mode, `net` (or absent on the wire) in net mode.
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
    /// `tdMode`: isolated or cross.
    package var mgnMode: MarginMode
    /// `reduceOnly` (net mode): the order may only reduce the position.
    package var reduceOnly: Bool

    /// Creates a request.
    package init(
        instId: String, side: OrderSide, posSide: PositionSide, ordType: OrderType = .market, sz: Decimal,
        px: Decimal? = nil, clOrdId: String = "", tag: String = "", mgnMode: MarginMode = .isolated,
        reduceOnly: Bool = false
    ) {
        self.instId = instId
        self.side = side
        self.posSide = posSide
        self.ordType = ordType
        self.sz = sz
        self.px = px
        self.clOrdId = clOrdId
        self.tag = tag
        self.mgnMode = mgnMode
        self.reduceOnly = reduceOnly
    }
}

extension ExchangeState {
    /// Refuses what no order may do on an instrument: it is unknown (51001), delisted (51027) or suspended (51022).
    func tradable(_ instId: String) throws(ExchangeRejection) -> Int {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        if instruments[index].isExpired { throw .instrumentExpired }
        if instruments[index].isSuspended { throw .instrumentSuspended }
        return index
    }

    /// Places an order for an account by OKX's rules (okx/API.md §3 "POST /trade/order", §7 for net mode).
    ///
    /// Market orders fill at once at the mark; a closing market order of long/short mode larger than the position
    /// is trimmed to it. In net mode an order against the position closes it and opens the rest the other way;
    /// a reduce-only one may only reduce. Returns the order as stored (filled, live or, for a crossing post-only
    /// order, cancelled).
    package mutating func placeOrder(book: Int, _ request: OrderRequest, now: Int64) throws(ExchangeRejection) -> Order
    {
        let index = try tradable(request.instId)
        let instrument = instruments[index]
        guard books[book].account.acctLv != "1" else { throw .accountModeUnsupported }
        switch books[book].posMode {
        case .longShort: guard request.posSide != .net else { throw .parameterError("posSide") }
        case .net: guard request.posSide == .net else { throw .parameterError("posSide") }
        }
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
        let key = PositionKey(instId: request.instId, mgnMode: request.mgnMode, posSide: request.posSide)
        var order = Order(
            ordId: "", clOrdId: request.clOrdId, tag: request.tag, instId: request.instId, side: request.side,
            posSide: request.posSide, ordType: request.ordType.rawValue,
            px: request.ordType == .market ? nil : request.px, sz: request.sz, state: .live,
            lever: leverage(book: book, key), cTime: now)
        order.mgnMode = request.mgnMode
        order.ccy = instrument.settleCcy
        order.reduceOnly = request.posSide == .net && request.reduceOnly
        let position = books[book].positions[key]
        if request.posSide == .net {
            try checkNet(book: book, order: order, position: position, instrument: instrument)
        } else if order.isClosing {
            guard let position else { throw .nothingToClose }
            let available = position.size - books[book].pendingCloseSize(key)
            guard available > 0 else { throw .closeTooLarge }
            if request.ordType == .market {
                order.sz = min(order.sz, available)
            } else if order.sz > available {
                throw .closeTooLarge
            }
        } else {
            let held = (position?.size ?? 0) + books[book].pendingOpenSize(key)
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
            let px = order.px ?? mark
            order.frozen =
                instrument.openingMargin(contracts: order.sz, px: px, lever: order.lever)
                + instrument.fee(contracts: order.sz, px: px, rate: settings.takerRate)
            guard availBal(book: book, ccy: order.ccy) >= order.frozen else { throw .insufficientMargin(order.ccy) }
        }
        order.ordId = nextId()
        let orderIndex = books[book].append(order)
        limitWatch[index][OrderRef(book: book, order: orderIndex)] = MarkWalk.ticks(
            of: order.px ?? mark, tickSz: instrument.tickSz)
        return order
    }

    /// Net mode's size rules: a reduce-only order needs a position the other way (51169) and may not be larger
    /// than what is left to close (51112: OKX refuses an oversize reduce-only order; the code is our choice among
    /// its documented ones); any other order is held to the tier cap on what it would open.
    private func checkNet(
        book: Int, order: Order, position: Position?, instrument: Instrument
    ) throws(ExchangeRejection) {
        let opposes = position.map { ($0.isLong) == (order.side == .sell) } ?? false
        if order.reduceOnly {
            guard let position, opposes else { throw .nothingToClose }
            guard order.sz <= position.size - books[book].pendingCloseSize(order.key) else { throw .closeTooLarge }
            return
        }
        let opening = opposes ? max(0, order.sz - (position?.size ?? 0)) : order.sz + (position?.size ?? 0)
        guard opening + books[book].pendingOpenSize(order.key) <= instrument.positionCap(lever: order.lever) else {
            throw .tierCap
        }
    }

    /// Closes a whole position at market (`POST /trade/close-position`). Pending closing orders are cancelled
    /// first with `autoCxl`, else the close is refused.
    package mutating func closePosition(
        book: Int, instId: String, mgnMode: MarginMode = .isolated, posSide: PositionSide, autoCxl: Bool,
        clOrdId: String, tag: String, now: Int64
    ) throws(ExchangeRejection) -> Order {
        let index = try tradable(instId)
        let key = PositionKey(instId: instId, mgnMode: mgnMode, posSide: posSide)
        guard let position = books[book].positions[key] else { throw .noPosition }
        if !clOrdId.isEmpty, books[book].hasPendingOrder(clOrdId: clOrdId) { throw .duplicateClOrdId }
        let closing = books[book].pendingOrders(instId: instId, posSide: posSide, mgnMode: mgnMode).filter {
            books[book].orders[$0].isClosing
        }
        if !closing.isEmpty {
            guard autoCxl else { throw .pendingCloseOrders }
            for orderIndex in closing { cancel(book: book, orderIndex: orderIndex, source: "1", now: now) }
        }
        var order = Order(
            ordId: "", clOrdId: clOrdId, tag: tag, instId: instId, side: position.isLong ? .sell : .buy,
            posSide: posSide, ordType: "market", px: nil, sz: position.size, state: .live, lever: position.lever,
            cTime: now)
        order.mgnMode = mgnMode
        order.ccy = instruments[index].settleCcy
        order.reduceOnly = posSide == .net
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

    // MARK: Resting orders

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

    /// Cancels what can no longer fill once a position is gone: its pending closing orders.
    mutating func cancelClosingOrders(book: Int, key: PositionKey, now: Int64) {
        for orderIndex in books[book].pendingOrders(instId: key.instId, posSide: key.posSide, mgnMode: key.mgnMode)
        where books[book].orders[orderIndex].isClosing {
            cancel(book: book, orderIndex: orderIndex, source: "9", now: now)
        }
    }

    /// Writes a positions-history row for a close (type 1 partial, 2 full, 3 liquidation, 5 ADL).
    /// `direction` is the side that was held (a net position closed to 0 no longer shows it by its sign).
    mutating func record(
        book: Int, position: Position, type: Int, liqPenalty: Decimal, direction: PositionSide, now: Int64
    ) {
        let closeAvgPx = position.closedSz > 0 ? (position.closedValue / position.closedSz).stored : 0
        var row = PositionHistoryRow(
            posId: position.posId, instId: position.instId, posSide: position.posSide, lever: position.lever,
            openAvgPx: position.avgPx, closeAvgPx: closeAvgPx, closeTotalPos: position.closedSz,
            openMaxPos: position.openMaxPos, pnl: position.pnl, fee: position.fee, liqPenalty: liqPenalty,
            type: type, cTime: position.cTime, uTime: now)
        row.mgnMode = position.mgnMode
        row.direction = direction
        row.fundingFee = position.fundingFee
        row.ccy = instrument(position.instId)?.settleCcy ?? "USDT"
        books[book].history.append(row)
    }
}
