package import Foundation

/// Which side a position is on: `long`/`short` in long/short mode, `net` in one-way mode.
package enum PositionSide: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Bought to open (long/short mode).
    case long
    /// Sold to open (long/short mode).
    case short
    /// One-way mode: the sign of `pos` tells the direction.
    case net
}

/// Identifies a position inside one account: instrument, margin mode and side. One account may hold the same
/// instrument and side in isolated and in cross margin at once, as two positions (okx/API.md §7).
package struct PositionKey: Sendable, Hashable, Comparable {
    /// e.g. `SOL-USDT-SWAP`.
    package var instId: String
    /// Isolated or cross.
    package var mgnMode: MarginMode
    /// Long, short or net.
    package var posSide: PositionSide

    /// Creates a key; isolated unless said otherwise.
    package init(instId: String, mgnMode: MarginMode = .isolated, posSide: PositionSide) {
        self.instId = instId
        self.mgnMode = mgnMode
        self.posSide = posSide
    }

    /// A fixed order (instrument, margin mode, side), for deterministic iteration.
    package static func < (a: PositionKey, b: PositionKey) -> Bool {
        (a.instId, a.mgnMode == .isolated ? 0 : 1, a.posSide.rawValue)
            < (b.instId, b.mgnMode == .isolated ? 0 : 1, b.posSide.rawValue)
    }
}

/// An open position. The money fields follow okx/API.md §5 (and §7 for cross and inverse); derived figures come
/// from ``metrics(instrument:markPx:takerRate:cross:)``.
package struct Position: Sendable, Equatable {
    /// Stable while open; a full close and reopen (or a flip in net mode) gets a new one.
    package var posId: String
    /// The instrument.
    package var instId: String
    /// Isolated or cross.
    package var mgnMode: MarginMode
    /// Long, short or net.
    package var posSide: PositionSide
    /// Contracts: positive for long/short rows, signed in net mode (negative = short), as OKX's `pos`.
    package var pos: Decimal
    /// Size-weighted average entry price.
    package var avgPx: Decimal
    /// Isolated collateral, in the settlement currency; 0 for cross (OKX shows `""`).
    package var margin: Decimal
    /// Current leverage of the position.
    package var lever: Decimal
    /// Creation time (ms).
    package var cTime: Int64
    /// Last change (ms).
    package var uTime: Int64
    /// Realised pnl of partial closes, before fees.
    package var pnl: Decimal = 0
    /// Fees so far (negative = paid).
    package var fee: Decimal = 0
    /// Funding received (positive) or paid (negative) so far.
    package var fundingFee: Decimal = 0
    /// Contracts closed so far, and their notional at the close prices, for positions-history.
    package var closedSz: Decimal = 0
    /// Σ closed contracts × close price.
    package var closedValue: Decimal = 0
    /// The largest size reached.
    package var openMaxPos: Decimal = 0
    /// The last trade id touching the position.
    package var tradeId: String = ""

    /// `realizedPnl = pnl + fee + fundingFee + liqPenalty` (no penalty while open).
    package var realizedPnl: Decimal { pnl + fee + fundingFee }

    /// The key of this position in its account.
    package var key: PositionKey { PositionKey(instId: instId, mgnMode: mgnMode, posSide: posSide) }

    /// |pos|: contracts held, whatever the mode.
    package var size: Decimal { pos < 0 ? -pos : pos }

    /// The direction held: `long` or `short` (a net position's sign).
    package var direction: PositionSide {
        posSide == .net ? (pos < 0 ? .short : .long) : posSide
    }

    /// Whether the position gains when the price rises.
    package var isLong: Bool { direction == .long }

    /// Creates a position.
    package init(
        posId: String, instId: String, mgnMode: MarginMode = .isolated, posSide: PositionSide, pos: Decimal,
        avgPx: Decimal, margin: Decimal, lever: Decimal, cTime: Int64, uTime: Int64
    ) {
        self.posId = posId
        self.instId = instId
        self.mgnMode = mgnMode
        self.posSide = posSide
        self.pos = pos
        self.avgPx = avgPx
        self.margin = margin
        self.lever = lever
        self.cTime = cTime
        self.uTime = uTime
        self.openMaxPos = pos < 0 ? -pos : pos
    }

    /// The margin this position would have been opened with at its entry price and current leverage.
    package func openingMargin(instrument: Instrument) -> Decimal {
        instrument.openingMargin(contracts: size, px: avgPx, lever: lever)
    }

    /// The isolated margin a close of `contracts` releases: all of it for the whole position, pro rata otherwise.
    func marginReleased(closing contracts: Decimal) -> Decimal {
        contracts == size ? margin : (margin * contracts / size).stored
    }

    /// Books a close of `contracts` at `price`, whatever closed them: its pnl and fee, and the closed size and value
    /// that positions-history reports.
    mutating func bookClose(contracts: Decimal, price: Decimal, pnl: Decimal, fee: Decimal, now: Int64) {
        self.pnl += pnl
        self.fee -= fee
        closedSz += contracts
        closedValue += contracts * price
        uTime = now
    }
}
