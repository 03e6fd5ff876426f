package import Foundation

/// Buy or sell.
package enum OrderSide: String, Sendable, Equatable {
    /// Opens a long or closes a short.
    case buy
    /// Opens a short or closes a long.
    case sell
}

/// OKX order states (`mmp_canceled` never happens here).
package enum OrderState: String, Sendable, Equatable {
    /// Resting, unfilled.
    case live
    /// Resting, partly filled (never produced: fills here are whole).
    case partiallyFilled = "partially_filled"
    /// Done.
    case filled
    /// Cancelled before filling.
    case canceled
}

/// An order as `GET /api/v5/trade/order` shows it; kept as history after it fills or is cancelled.
package struct Order: Sendable, Equatable {
    /// Exchange id.
    package var ordId: String
    /// Client id; "" when none was given.
    package var clOrdId: String
    /// Order tag.
    package var tag: String
    /// The instrument.
    package var instId: String
    /// Buy or sell.
    package var side: OrderSide
    /// The position side it opens or closes (`net` in one-way mode).
    package var posSide: PositionSide
    /// Isolated or cross (`tdMode`).
    package var mgnMode: MarginMode = .isolated
    /// Whether it may only reduce: sent with `reduceOnly` in net mode; closing orders of long/short mode are
    /// reduce-only by themselves.
    package var reduceOnly: Bool = false
    /// The currency of its fee and freeze: the instrument's settlement currency.
    package var ccy: String = "USDT"
    /// `market`, `limit` or `post_only`.
    package var ordType: String
    /// Limit price (nil for market orders).
    package var px: Decimal?
    /// Requested contracts.
    package var sz: Decimal
    /// Filled contracts.
    package var accFillSz: Decimal = 0
    /// Last fill price.
    package var fillPx: Decimal?
    /// Average fill price.
    package var avgPx: Decimal?
    /// Fill time (ms).
    package var fillTime: Int64?
    /// Live, filled or canceled.
    package var state: OrderState
    /// Fee (negative = paid).
    package var fee: Decimal = 0
    /// Realised pnl of a closing fill.
    package var pnl: Decimal = 0
    /// `normal`, `full_liquidation` or `adl`.
    package var category: String = "normal"
    /// Leverage of the position side when placed.
    package var lever: Decimal
    /// Created (ms).
    package var cTime: Int64
    /// Updated (ms).
    package var uTime: Int64
    /// The fill's trade id.
    package var tradeId: String = ""
    /// Why it was cancelled, if it was.
    package var cancelSource: String = ""
    /// Cash held back while an opening limit order rests (margin + taker fee at its price).
    package var frozen: Decimal = 0

    /// Whether this order closes (reduces) a position rather than opening one: in long/short mode by its side,
    /// in net mode only when it is reduce-only (a plain net order may close, flip or open; the fill decides).
    package var isClosing: Bool {
        posSide == .net ? reduceOnly : (side == .sell) == (posSide == .long)
    }

    /// The position it opens or closes.
    package var key: PositionKey { PositionKey(instId: instId, mgnMode: mgnMode, posSide: posSide) }

    /// Whether the order is still pending.
    package var isPending: Bool { state == .live || state == .partiallyFilled }

    /// Creates an order.
    package init(
        ordId: String, clOrdId: String, tag: String, instId: String, side: OrderSide, posSide: PositionSide,
        ordType: String, px: Decimal?, sz: Decimal, state: OrderState, lever: Decimal, cTime: Int64
    ) {
        self.ordId = ordId
        self.clOrdId = clOrdId
        self.tag = tag
        self.instId = instId
        self.side = side
        self.posSide = posSide
        self.ordType = ordType
        self.px = px
        self.sz = sz
        self.state = state
        self.lever = lever
        self.cTime = cTime
        self.uTime = cTime
    }
}
