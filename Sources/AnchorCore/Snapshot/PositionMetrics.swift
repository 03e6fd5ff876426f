public import Foundation
public import OKX

/// The numbers derived from one position and its instrument, exactly as OKX computes them.
public struct PositionMetrics: Sendable, Hashable {
    /// Base units held: |pos| × ctVal × ctMult for a linear swap; for an inverse one, the coins its USD notional
    /// buys at the mark.
    public var quantity: Decimal
    /// At the mark: in the quote currency (USDT, USDC) for a linear swap; in USD, |pos| × ctVal × ctMult, for an
    /// inverse one (its contracts are worth a fixed number of dollars).
    public var notional: Decimal
    /// Margin at entry price and current leverage: Q × avgPx / lever (linear), notional / (avgPx × lever) in the coin
    /// (inverse).
    public var openingMargin: Decimal
    /// OKX's limit on a margin reduction: margin − openingMargin + min(0, upl), never below 0. Nil for a position
    /// with no margin of its own (cross).
    public var maxReduce: Decimal?
    /// The house floor: mmr + |min(0, upl)| + safety buffer. Only for USDT-margined positions (the buffer is USDT).
    public var floor: Decimal?
    /// What may be taken out now: within both OKX's limit and the floor, rounded down to 0.01. Only where both are.
    public var reducible: Decimal?
    /// Distance from the mark to the liquidation price, as a share of the mark. A `Double`: it is only shown (to a
    /// tenth of a percent), never used in an amount, and a decimal division per position per poll cost more than
    /// the rest of the snapshot.
    public var liquidationDistance: Double?

    /// In `plus`/`minus`/`times` and the comparisons, Foundation's exact results computed in integers: this runs
    /// for every position on every poll.
    public init(position: Position, instrument: Instrument, safetyBuffer: Decimal) {
        let size = position.pos.absoluteValue
        let mark = position.markPx ?? position.avgPx ?? 0
        let average = position.avgPx ?? mark
        let lever = position.lever ?? 1
        if instrument.isInverse {
            notional = size.times(instrument.contractValue)
            quantity = mark.isAbove(0) ? notional / mark : 0
            let cost = average.times(lever)
            openingMargin = cost.isAbove(0) ? notional / cost : 0
        } else {
            quantity = size.times(instrument.contractValue)
            notional = quantity.times(mark)
            let cost = quantity.times(average)
            openingMargin = lever.isAbove(0) ? DecimalParts.exactQuotient(cost, lever) ?? cost / lever : 0
        }
        let upl = position.upl ?? 0
        // Only a position with a margin of its own (isolated) has a reduce limit; the floor's buffer is USDT, so only
        // a USDT-margined linear one has a floor.
        if let margin = position.margin {
            let maxReduce = MarginReduction.maxReduce(margin: margin, openingMargin: openingMargin, upl: upl)
            self.maxReduce = maxReduce
            if (position.ccy ?? instrument.settleCcy) == PositionScope.managedCurrency, !instrument.isInverse {
                let floor = MarginReduction.floor(
                    maintenanceMargin: position.mmr ?? 0, upl: upl, safetyBuffer: safetyBuffer)
                self.floor = floor
                reducible = MarginReduction.reducible(margin: margin, maxReduce: maxReduce, floor: floor)
            }
        }
        if let liq = position.liqPx, mark.isAbove(0), let gap = DecimalParts.read(mark.minus(liq)),
            let base = DecimalParts.read(mark)
        {
            liquidationDistance = abs(gap.approximateDouble / base.approximateDouble)
        } else {
            liquidationDistance = nil
        }
    }
}

extension Decimal {
    /// One US cent: the step of every margin amount.
    public static let cent = Decimal(string: "0.01")!
}
