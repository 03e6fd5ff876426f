package import Foundation

/// Add to or take from an isolated position's margin.
package enum MarginAdjustment: String, Sendable, Equatable {
    /// Move cash into the position.
    case add
    /// Move margin back to cash, up to OKX's limit.
    case reduce
}

extension ExchangeState {
    /// Sets leverage (`POST /account/set-leverage`): isolated per side in long/short mode (`posSide` long/short),
    /// per instrument in net mode (`net`); cross per instrument in either mode (the side is ignored).
    ///
    /// With an open isolated position: raising refunds nothing; lowering tops margin up from cash until
    /// `margin + upl = opening margin at the new lever`, refused with 59103 when cash is short (okx/API.md §5). An
    /// open cross position takes the new lever at once; 59103 when the larger initial margin would not fit.
    package mutating func setLeverage(
        book: Int, instId: String, mgnMode: MarginMode = .isolated, posSide: PositionSide, lever: Decimal, now: Int64
    ) throws(ExchangeRejection) {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        let instrument = instruments[index]
        guard lever >= 1 else { throw .leverageTooLow }
        guard lever <= instrument.maxLever else { throw .leverageTooHigh }
        if mgnMode == .cross {
            try setCrossLeverage(book: book, index: index, lever: lever, now: now)
            return
        }
        switch books[book].posMode {
        case .longShort: guard posSide != .net else { throw .parameterError("posSide") }
        case .net: guard posSide == .net else { throw .parameterError("posSide") }
        }
        let key = PositionKey(instId: instId, posSide: posSide)
        guard books[book].pendingOrders(instId: instId, posSide: posSide, mgnMode: .isolated).isEmpty else {
            throw .pendingOrdersBlockLeverage
        }
        if var position = books[book].positions[key] {
            guard position.size <= instrument.positionCap(lever: lever) else { throw .leverageTooHighForPosition }
            let required = instrument.openingMargin(contracts: position.size, px: position.avgPx, lever: lever)
            let upl = instrument.upl(
                contracts: position.size, avgPx: position.avgPx, px: walks[index].price, long: position.isLong)
            let shortfall = required - (position.margin + upl)
            if shortfall > 0 {
                guard availBal(book: book, ccy: instrument.settleCcy) >= shortfall else {
                    throw .leverageTooLowForMargin
                }
                books[book].cash[instrument.settleCcy, default: 0] -= shortfall
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

    /// Cross leverage of one instrument: every open cross position on it takes the new lever.
    private mutating func setCrossLeverage(book: Int, index: Int, lever: Decimal, now: Int64) throws(ExchangeRejection)
    {
        let instrument = instruments[index]
        let keys = books[book].positions.keys.filter { $0.instId == instrument.instId && $0.mgnMode == .cross }
        var extraImr: Decimal = 0
        for key in keys {
            guard let position = books[book].positions[key] else { continue }
            guard position.size <= instrument.positionCap(lever: lever) else { throw .leverageTooHighForPosition }
            let value = instrument.value(contracts: position.size, px: walks[index].price)
            extraImr += (value / lever).stored - (value / position.lever).stored
        }
        guard extraImr <= 0 || availBal(book: book, ccy: instrument.settleCcy) >= extraImr else {
            throw .leverageTooLowForMargin
        }
        for key in keys {
            books[book].positions[key]?.lever = lever
            books[book].positions[key]?.uTime = now
        }
        books[book].leverage[PositionKey(instId: instrument.instId, mgnMode: .cross, posSide: .net)] = lever
        books[book].revision &+= 1
    }

    /// Moves margin into or out of an isolated position (`POST /account/position/margin-balance`).
    ///
    /// Adding needs `availBal ≥ amt` (59200 otherwise); reducing is limited by
    /// `maxReduce = margin − opening margin + min(0, upl)` (59301 above it). Returns the position after.
    @discardableResult
    package mutating func adjustMargin(
        book: Int, instId: String, posSide: PositionSide, type: MarginAdjustment, amount: Decimal, now: Int64
    ) throws(ExchangeRejection) -> Position {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        let ccy = instruments[index].settleCcy
        let key = PositionKey(instId: instId, posSide: posSide)
        guard var position = books[book].positions[key], let metrics = metrics(of: position) else {
            throw .marginNoPosition
        }
        guard amount > 0 else { throw .parameterError("amt") }
        switch type {
        case .add:
            guard availBal(book: book, ccy: ccy) >= amount else { throw .insufficientAccountBalance }
            books[book].cash[ccy, default: 0] -= amount
            position.margin += amount
        case .reduce:
            guard amount <= metrics.maxReduce else { throw .marginReduceTooLarge }
            books[book].cash[ccy, default: 0] += amount
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

    /// A type-6 bill for margin moved between cash and a position.
    private mutating func appendMarginBill(book: Int, position: Position, subType: Int, amount: Decimal, now: Int64) {
        let ccy = instrument(position.instId)?.settleCcy ?? "USDT"
        var bill = Bill(
            billId: nextId(), instId: position.instId, type: .marginTransfer, subType: subType, balChg: -amount,
            bal: books[book].cash(ccy), posBalChg: amount, posBal: position.margin, sz: 0, px: nil, pnl: 0, fee: 0,
            ordId: "", clOrdId: "", ts: now, markPx: markPx(position.instId), tradeId: "")
        bill.ccy = ccy
        books[book].bills.append(bill)
    }
}

extension ExchangeState {
    /// Switches long/short and net mode (`POST /account/set-position-mode`): only with no position and no pending
    /// order (59000), as OKX requires.
    package mutating func setPositionMode(book: Int, _ mode: PositionMode) throws(ExchangeRejection) {
        guard books[book].positions.isEmpty, books[book].pending.isEmpty else { throw .settingsBlocked }
        books[book].posMode = mode
        books[book].revision &+= 1
    }
}
