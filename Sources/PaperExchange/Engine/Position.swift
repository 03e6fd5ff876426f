package import Foundation

/// Which side of a long/short-mode position.
package enum PositionSide: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Bought to open.
    case long
    /// Sold to open.
    case short
}

/// Identifies an isolated position inside one account: the instrument and the side.
package struct PositionKey: Sendable, Hashable {
    /// e.g. `SOL-USDT-SWAP`.
    package var instId: String
    /// Long or short.
    package var posSide: PositionSide

    /// Creates a key.
    package init(instId: String, posSide: PositionSide) {
        self.instId = instId
        self.posSide = posSide
    }
}

/// An open isolated position. The money fields follow okx/API.md §5; derived figures come from ``metrics(instrument:markPx:takerRate:)``.
package struct Position: Sendable, Equatable {
    /// Stable while open; a full close and reopen gets a new one.
    package var posId: String
    /// The instrument.
    package var instId: String
    /// Long or short.
    package var posSide: PositionSide
    /// Contracts, always positive.
    package var pos: Decimal
    /// Size-weighted average entry price.
    package var avgPx: Decimal
    /// Isolated collateral.
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
    /// Contracts closed so far, and their notional at the close prices, for positions-history.
    package var closedSz: Decimal = 0
    /// Σ closed contracts × close price.
    package var closedValue: Decimal = 0
    /// The largest size reached.
    package var openMaxPos: Decimal = 0
    /// The last trade id touching the position.
    package var tradeId: String = ""

    /// `realizedPnl = pnl + fee + fundingFee + liqPenalty`.
    package var realizedPnl: Decimal { pnl + fee }

    /// The key of this position in its account.
    package var key: PositionKey { PositionKey(instId: instId, posSide: posSide) }

    /// Creates a position.
    package init(
        posId: String, instId: String, posSide: PositionSide, pos: Decimal, avgPx: Decimal, margin: Decimal,
        lever: Decimal, cTime: Int64, uTime: Int64
    ) {
        self.posId = posId
        self.instId = instId
        self.posSide = posSide
        self.pos = pos
        self.avgPx = avgPx
        self.margin = margin
        self.lever = lever
        self.cTime = cTime
        self.uTime = uTime
        self.openMaxPos = pos
    }

    /// The margin this position would have been opened with at its entry price and current leverage.
    package func openingMargin(instrument: Instrument) -> Decimal {
        (instrument.baseUnits(pos) * avgPx / lever).stored
    }

    /// Everything OKX derives from the mark price, by okx/API.md §5.
    package func metrics(instrument: Instrument, markPx: Decimal, takerRate: Decimal) -> PositionMetrics {
        let q = instrument.baseUnits(pos)
        let r = instrument.tier(forContracts: pos).mmr
        let notional = q * markPx
        let upl = posSide == .long ? q * (markPx - avgPx) : q * (avgPx - markPx)
        let opening = openingMargin(instrument: instrument)
        let mmr = notional * r
        let closeFee = notional * takerRate
        let equity = margin + upl
        let liqPx: Decimal
        let bePx: Decimal
        switch posSide {
        case .long:
            liqPx = (avgPx * q - margin) / (q * (1 - r - takerRate)) + instrument.tickSz
            bePx = avgPx * (1 + takerRate) / (1 - takerRate)
        case .short:
            liqPx = (avgPx * q + margin) / (q * (1 + r + takerRate)) - instrument.tickSz
            bePx = avgPx * (1 - takerRate) / (1 + takerRate)
        }
        return PositionMetrics(
            markPx: markPx, notional: notional, upl: upl,
            uplRatio: opening == 0 ? 0 : (upl / opening).stored,
            mmr: mmr, mgnRatio: mmr + closeFee == 0 ? nil : (equity / (mmr + closeFee)).stored,
            liqPx: liqPx > 0 ? liqPx.stored : nil, bePx: bePx.stored,
            maxReduce: max(0, margin - opening + min(0, upl)), openingMargin: opening, mmrRate: r)
    }

    /// The mark at or beyond which this position is liquidated (`mgnRatio ≤ 1`): at or below it for a long, at or
    /// above it for a short. It depends only on the position, so it is computed once per change, not per tick.
    package func liquidationMark(instrument: Instrument, takerRate: Decimal) -> Decimal {
        let q = instrument.baseUnits(pos)
        let r = instrument.tier(forContracts: pos).mmr
        switch posSide {
        case .long: return (avgPx * q - margin) / (q * (1 - r - takerRate))
        case .short: return (avgPx * q + margin) / (q * (1 + r + takerRate))
        }
    }
}

/// A position's figures at one mark price.
package struct PositionMetrics: Sendable, Equatable {
    /// The mark used.
    package var markPx: Decimal
    /// `Q·markPx`, USDT.
    package var notional: Decimal
    /// Unrealised pnl at the mark.
    package var upl: Decimal
    /// `upl / (Q·avgPx/lever)`.
    package var uplRatio: Decimal
    /// Maintenance margin amount `Q·markPx·r`.
    package var mmr: Decimal
    /// `(margin + upl) / (mmr + Q·markPx·taker)`; ≤ 1 means liquidation.
    package var mgnRatio: Decimal?
    /// Estimated liquidation price (with OKX's one-tick buffer), nil when there is none.
    package var liqPx: Decimal?
    /// Break-even price after the open and close taker fees.
    package var bePx: Decimal
    /// OKX's reduce limit: `margin − Q·avgPx/lever + min(0, upl)`, floored at 0.
    package var maxReduce: Decimal
    /// `Q·avgPx/lever`.
    package var openingMargin: Decimal
    /// The tier maintenance rate used.
    package var mmrRate: Decimal
}
