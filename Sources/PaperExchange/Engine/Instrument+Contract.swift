package import Foundation

/// The money of one contract type: every amount is in the instrument's settlement currency.
///
/// Linear (Q base units): value `Q·px`, upl `Q·(mark − avgPx)` for a long. Inverse (U USD of face value, okx/API.md
/// §7, checked against OKX's recorded BTC-USD-SWAP positions): value `U/px`, upl `U·(1/avgPx − 1/mark)` for a long.
extension Instrument {
    /// The value of `contracts` at `px`, in the settlement currency.
    package func value(contracts: Decimal, px: Decimal) -> Decimal {
        let units = baseUnits(contracts)
        switch ctType {
        case .linear: return units * px
        case .inverse: return (units / px).stored
        }
    }

    /// Unrealised (or, at a fill price, realised) pnl of `contracts` entered at `avgPx`, valued at `px`.
    package func upl(contracts: Decimal, avgPx: Decimal, px: Decimal, long: Bool) -> Decimal {
        let units = baseUnits(contracts)
        switch ctType {
        case .linear: return long ? units * (px - avgPx) : units * (avgPx - px)
        case .inverse:
            let gain = (units * (px - avgPx) / (avgPx * px)).stored
            return long ? gain : -gain
        }
    }

    /// The margin `contracts` opened at `px` and `lever` post: `value/lever`.
    package func openingMargin(contracts: Decimal, px: Decimal, lever: Decimal) -> Decimal {
        switch ctType {
        case .linear: return (baseUnits(contracts) * px / lever).stored
        case .inverse: return (baseUnits(contracts) / (px * lever)).stored
        }
    }

    /// A fee at `rate` on `contracts` traded at `px` (positive: an amount to pay).
    package func fee(contracts: Decimal, px: Decimal, rate: Decimal) -> Decimal {
        (value(contracts: contracts, px: px) * rate).stored
    }

    /// OKX's `notionalUsd`: `Q·px` for linear swaps (USDT and USDC count as USD), the face value `U` for inverse.
    package func notionalUsd(contracts: Decimal, px: Decimal) -> Decimal {
        switch ctType {
        case .linear: return baseUnits(contracts) * px
        case .inverse: return baseUnits(contracts)
        }
    }
}
