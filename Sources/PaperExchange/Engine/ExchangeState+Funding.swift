package import Foundation

extension ExchangeState {
    /// OKX settles perpetual funding every 8 hours, at 00:00, 08:00 and 16:00 UTC.
    package static let fundingIntervalMs: Int64 = 8 * 3_600_000

    /// The first funding settlement strictly after `ms`.
    package static func fundingBoundary(after ms: Int64) -> Int64 {
        let interval = fundingIntervalMs
        let floor = ms >= 0 ? ms / interval : (ms - interval + 1) / interval
        return (floor + 1) * interval
    }

    /// Sets an instrument's funding rate (for the settlements still to come).
    package mutating func setFundingRate(_ instId: String, _ rate: Decimal) throws(ExchangeRejection) {
        guard let index = instrumentIndex[instId] else { throw .unknownInstrument }
        instruments[index].fundingRate = rate
    }

    /// One funding settlement at `ts`: every position pays or receives `value at mark × rate` (longs pay a
    /// positive rate, shorts receive it). An isolated position's funding moves its margin (bill type 8,
    /// `posBalChg` only); a cross position's moves cash. Subtype 173 expense, 174 income. The amount accumulates
    /// in the position's `fundingFee` and so in `realizedPnl`.
    mutating func applyFunding(at ts: Int64) {
        for book in books.indices {
            var changed = false
            for key in books[book].positions.keys.sorted() {
                guard var position = books[book].positions[key], let index = instrumentIndex[key.instId] else {
                    continue
                }
                let instrument = instruments[index]
                let mark = walks[index].price
                let amount = (instrument.value(contracts: position.size, px: mark) * instrument.fundingRate).stored
                guard amount != 0 else { continue }
                let change = position.isLong ? -amount : amount
                let ccy = instrument.settleCcy
                var bill = Bill(
                    billId: nextId(), instId: key.instId, type: .fundingFee, subType: change < 0 ? 173 : 174,
                    balChg: 0, bal: 0, posBalChg: 0, posBal: 0, sz: position.size, px: mark, pnl: 0, fee: 0,
                    ordId: "", clOrdId: "", ts: ts, markPx: mark, tradeId: "")
                switch position.mgnMode {
                case .isolated:
                    position.margin += change
                    bill.posBalChg = change
                case .cross:
                    books[book].cash[ccy, default: 0] += change
                    bill.balChg = change
                }
                position.fundingFee += change
                books[book].positions[key] = position
                bill.bal = books[book].cash(ccy)
                bill.posBal = position.margin
                bill.ccy = ccy
                bill.mgnMode = position.mgnMode
                books[book].bills.append(bill)
                changed = true
                refreshWatch(book: book, key: key)
            }
            if changed { books[book].revision &+= 1 }
        }
    }
}
