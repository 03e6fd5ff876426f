package import Foundation

/// What a cross position's figures depend on besides itself: the account's cash and its other cross positions
/// in the same settlement currency (OKX judges cross margin per currency in Futures mode).
package struct CrossContext: Sendable, Equatable {
    /// The settlement currency's cash balance.
    package var cashBal: Decimal
    /// Unrealised pnl of every cross position in that currency, this one included.
    package var totalUpl: Decimal
    /// Σ (maintenance margin + closing taker fee) of every cross position in that currency, this one included.
    package var totalRequirement: Decimal

    /// Creates a context.
    package init(cashBal: Decimal, totalUpl: Decimal, totalRequirement: Decimal) {
        self.cashBal = cashBal
        self.totalUpl = totalUpl
        self.totalRequirement = totalRequirement
    }
}

extension Position {
    /// Everything OKX derives from the mark price, by okx/API.md §5, for linear and inverse contracts and both
    /// margin modes. A cross position needs its account's `cross` context for `mgnRatio` and `liqPx` (nil
    /// leaves them `""`).
    package func metrics(
        instrument: Instrument, markPx: Decimal, takerRate: Decimal, cross: CrossContext? = nil
    ) -> PositionMetrics {
        let contracts = size
        let r = instrument.tier(forContracts: contracts).mmr
        let value = instrument.value(contracts: contracts, px: markPx)
        let upl = instrument.upl(contracts: contracts, avgPx: avgPx, px: markPx, long: isLong)
        let opening = openingMargin(instrument: instrument)
        let mmr = value * r
        let closeFee = value * takerRate
        let bePx =
            isLong ? avgPx * (1 + takerRate) / (1 - takerRate) : avgPx * (1 - takerRate) / (1 + takerRate)
        let mgnRatio: Decimal?
        let liqPx: Decimal?
        let imr: Decimal?
        switch mgnMode {
        case .isolated:
            imr = nil
            mgnRatio = mmr + closeFee == 0 ? nil : ((margin + upl) / (mmr + closeFee)).stored
            liqPx = liquidationPrice(instrument: instrument, collateral: margin, r: r, takerRate: takerRate)
        case .cross:
            imr = (value / lever).stored
            if let cross {
                let equity = cross.cashBal + cross.totalUpl
                mgnRatio = cross.totalRequirement == 0 ? nil : (equity / cross.totalRequirement).stored
                // This position's mark moves alone: the others' upl and requirements stay as they are.
                let collateral = cross.cashBal + (cross.totalUpl - upl) - (cross.totalRequirement - mmr - closeFee)
                liqPx = liquidationPrice(instrument: instrument, collateral: collateral, r: r, takerRate: takerRate)
            } else {
                mgnRatio = nil
                liqPx = nil
            }
        }
        return PositionMetrics(
            markPx: markPx, notional: value, upl: upl,
            uplRatio: uplRatio(upl: upl, opening: opening, markPx: markPx, instrument: instrument),
            mmr: mmr, mgnRatio: mgnRatio, liqPx: liqPx, bePx: bePx.stored,
            maxReduce: mgnMode == .isolated ? max(0, margin - opening + min(0, upl)) : 0, openingMargin: opening,
            mmrRate: r, imr: imr, notionalUsd: instrument.notionalUsd(contracts: contracts, px: markPx))
    }

    /// `upl / opening margin`. For an inverse swap it reduces to `lever·(mark − avgPx)/mark` (a long), computed
    /// that way so the rounding of the two amounts does not show: OKX's recorded ratio matches it to the digit.
    private func uplRatio(upl: Decimal, opening: Decimal, markPx: Decimal, instrument: Instrument) -> Decimal {
        guard opening != 0 else { return 0 }
        guard instrument.ctType == .inverse, markPx > 0 else { return (upl / opening).stored }
        let ratio = (lever * (markPx - avgPx) / markPx).stored
        return isLong ? ratio : -ratio
    }

    /// The estimated liquidation price with OKX's one-tick buffer (above for a long, below for a short), nil
    /// when there is none. okx/API.md §5 for linear; the inverse form reproduces OKX's recorded BTC-USD-SWAP
    /// isolated position (fetchPosition-2.json) to the digit.
    func liquidationPrice(instrument: Instrument, collateral: Decimal, r: Decimal, takerRate: Decimal) -> Decimal? {
        guard let mark = liquidationMark(instrument: instrument, collateral: collateral, r: r, takerRate: takerRate)
        else { return nil }
        let buffered = isLong ? mark + instrument.tickSz : mark - instrument.tickSz
        return buffered > 0 ? buffered.stored : nil
    }

    /// The mark at which `collateral + upl = value·(r + taker)`: at or below it a long is liquidated, at or above
    /// it a short. Linear, with Q base units: long `(avgPx·Q − c)/(Q·(1 − r − t))`, short
    /// `(avgPx·Q + c)/(Q·(1 + r + t))`. Inverse, with U USD of face value: long `U·(1 + r + t)/(c + U/avgPx)`,
    /// short `U·(1 − r − t)/(U/avgPx − c)`.
    func liquidationMark(instrument: Instrument, collateral: Decimal, r: Decimal, takerRate: Decimal) -> Decimal? {
        let q = instrument.baseUnits(size)
        guard q > 0 else { return nil }
        switch (instrument.ctType, isLong) {
        case (.linear, true): return (avgPx * q - collateral) / (q * (1 - r - takerRate))
        case (.linear, false): return (avgPx * q + collateral) / (q * (1 + r + takerRate))
        case (.inverse, true):
            let denominator = collateral + q / avgPx
            return denominator > 0 ? q * (1 + r + takerRate) / denominator : nil
        case (.inverse, false):
            let denominator = q / avgPx - collateral
            return denominator > 0 ? q * (1 - r - takerRate) / denominator : nil
        }
    }

    /// The mark at or beyond which this isolated position is liquidated (`mgnRatio ≤ 1`): at or below it for a
    /// long, at or above it for a short. It depends only on the position, so it is computed once per change.
    package func liquidationMark(instrument: Instrument, takerRate: Decimal) -> Decimal {
        let r = instrument.tier(forContracts: size).mmr
        return liquidationMark(instrument: instrument, collateral: margin, r: r, takerRate: takerRate)
            ?? (isLong ? 0 : Decimal.greatestFiniteMagnitude)
    }
}

/// A position's figures at one mark price.
package struct PositionMetrics: Sendable, Equatable {
    /// The mark used.
    package var markPx: Decimal
    /// The position's value at the mark in its settlement currency: `Q·markPx` linear, `U/markPx` inverse.
    package var notional: Decimal
    /// Unrealised pnl at the mark, in the settlement currency.
    package var upl: Decimal
    /// `upl / opening margin at avgPx and the current lever`.
    package var uplRatio: Decimal
    /// Maintenance margin amount `value·r`.
    package var mmr: Decimal
    /// Isolated: `(margin + upl) / (mmr + value·taker)`; cross: the currency's ratio; ≤ 1 means liquidation.
    package var mgnRatio: Decimal?
    /// Estimated liquidation price (with OKX's one-tick buffer), nil when there is none.
    package var liqPx: Decimal?
    /// Break-even price after the open and close taker fees.
    package var bePx: Decimal
    /// OKX's reduce limit: `margin − opening margin + min(0, upl)`, floored at 0 (0 for cross).
    package var maxReduce: Decimal
    /// The opening margin at avgPx and the current lever.
    package var openingMargin: Decimal
    /// The tier maintenance rate used.
    package var mmrRate: Decimal
    /// Cross initial margin `value/lever`; nil for isolated (OKX's `""`).
    package var imr: Decimal? = nil
    /// `notionalUsd`: `Q·markPx` linear, `|pos|·ctVal` inverse.
    package var notionalUsd: Decimal = 0
}
