package import Foundation

/// One row of `GET /api/v5/account/bills`.
package struct Bill: Sendable, Equatable {
    /// Bill types used here.
    package enum Kind: Int, Sendable {
        /// A fill (open or close).
        case trade = 2
        /// A liquidation.
        case liquidation = 5
        /// Margin moved into or out of an isolated position.
        case marginTransfer = 6
        /// A funding settlement (subType 173 expense, 174 income).
        case fundingFee = 8
        /// Auto-deleveraging (subType 125/126 close long/short, 127/128 buy/sell in net mode).
        case adl = 9
    }

    /// Bill id.
    package var billId: String
    /// The instrument.
    package var instId: String
    /// Type (2 trade, 5 liquidation, 6 margin transfer, 8 funding, 9 ADL).
    package var type: Kind
    /// Sub-type: 1/2 buy/sell (net mode), 3/4 open long/short, 5/6 close long/short, 104/105 liquidation
    /// long/short, 106/107 liquidation buy/sell (net), 125/126 ADL close long/short, 127/128 ADL buy/sell (net),
    /// 160/161 manual margin add/reduce, 162 automatic margin add (leverage lowered), 173/174 funding
    /// expense/income.
    package var subType: Int
    /// Change of the cash balance.
    package var balChg: Decimal
    /// Cash balance after.
    package var bal: Decimal
    /// Change of the position's margin.
    package var posBalChg: Decimal
    /// Position margin after.
    package var posBal: Decimal
    /// Contracts filled (0 for margin moves).
    package var sz: Decimal
    /// Fill price ("" for margin moves).
    package var px: Decimal?
    /// Realised pnl.
    package var pnl: Decimal
    /// Fee (negative = paid).
    package var fee: Decimal
    /// Order id, or "".
    package var ordId: String
    /// Client order id, or "".
    package var clOrdId: String
    /// Time (ms).
    package var ts: Int64
    /// Mark at the time.
    package var markPx: Decimal?
    /// Trade id, or "".
    package var tradeId: String
    /// The currency of the amounts: the instrument's settlement currency.
    package var ccy: String = "USDT"
    /// Isolated or cross.
    package var mgnMode: MarginMode = .isolated
}

/// One row of `GET /api/v5/account/positions-history`.
package struct PositionHistoryRow: Sendable, Equatable {
    /// The position id.
    package var posId: String
    /// The instrument.
    package var instId: String
    /// Long, short or net.
    package var posSide: PositionSide
    /// Isolated or cross.
    package var mgnMode: MarginMode = .isolated
    /// `long` or `short`: the direction that was held (a net position's sign).
    package var direction: PositionSide = .long
    /// The settlement currency.
    package var ccy: String = "USDT"
    /// Funding received or paid over the position's life.
    package var fundingFee: Decimal = 0
    /// Leverage at the close.
    package var lever: Decimal
    /// Average open price.
    package var openAvgPx: Decimal
    /// Average close price.
    package var closeAvgPx: Decimal
    /// Contracts closed in all.
    package var closeTotalPos: Decimal
    /// Largest size held.
    package var openMaxPos: Decimal
    /// Realised pnl before fees.
    package var pnl: Decimal
    /// Fees (negative = paid).
    package var fee: Decimal
    /// Liquidation penalty (negative).
    package var liqPenalty: Decimal
    /// 1 partial close, 2 full close, 3 liquidation, 4 partial liquidation, 5 ADL.
    package var type: Int
    /// Opened (ms).
    package var cTime: Int64
    /// Closed (ms).
    package var uTime: Int64
    /// `pnl + fee + fundingFee + liqPenalty`.
    package var realizedPnl: Decimal { pnl + fee + fundingFee + liqPenalty }
}
