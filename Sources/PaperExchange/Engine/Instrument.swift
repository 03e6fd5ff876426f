package import Foundation

/// A perpetual swap as `GET /api/v5/public/instruments` describes it: linear (USDT- or USDC-settled) or inverse
/// (coin-margined, e.g. BTC-USD-SWAP settled in BTC).
package struct Instrument: Sendable, Equatable {
    /// e.g. `BTC-USDT-SWAP`.
    package var instId: String
    /// Base units per contract.
    package var ctVal: Decimal
    /// Contract multiplier (1 for every USDT swap).
    package var ctMult: Decimal
    /// Contract size step.
    package var lotSz: Decimal
    /// Smallest order, in contracts.
    package var minSz: Decimal
    /// Price step.
    package var tickSz: Decimal
    /// Highest leverage (`lever` on the wire).
    package var maxLever: Decimal
    /// Largest market order, in contracts.
    package var maxMktSz: Decimal
    /// Largest limit order, in contracts.
    package var maxLmtSz: Decimal
    /// `live`, `suspend`, `preopen`, …; the paper exchange's own `expired` marks a delisted swap, which
    /// `/public/instruments` no longer lists and which takes no orders (its positions still show).
    package var state: String
    /// Linear or inverse.
    package var ctType: ContractType
    /// The settlement (and margin) currency: USDT, USDC, or the coin of an inverse swap.
    package var settleCcy: String
    /// The currency `ctVal` is counted in: the base coin for linear swaps, USD for inverse ones.
    package var ctValCcy: String
    /// The funding rate charged at each 8-hour settlement (positive: longs pay shorts).
    package var fundingRate: Decimal
    /// The isolated position tiers, smallest first; tier 1 holds small positions.
    package var tiers: [PositionTier]
    /// Listing time, ms since the epoch.
    package var listTime: Int64

    /// Creates an instrument; `tiers` defaults to a ladder built from the tier-1 maintenance rate.
    package init(
        instId: String, ctVal: Decimal, lotSz: Decimal, minSz: Decimal, tickSz: Decimal, maxLever: Decimal,
        maxMktSz: Decimal, mmr: Decimal, tier1MaxSz: Decimal, ctMult: Decimal = 1, maxLmtSz: Decimal = 100_000_000,
        state: String = "live", listTime: Int64 = 1_611_916_828_000, ctType: ContractType = .linear,
        settleCcy: String? = nil, ctValCcy: String? = nil, fundingRate: Decimal = .literal("0.0001")
    ) {
        self.instId = instId
        self.ctVal = ctVal
        self.ctMult = ctMult
        self.lotSz = lotSz
        self.minSz = minSz
        self.tickSz = tickSz
        self.maxLever = maxLever
        self.maxMktSz = maxMktSz
        self.maxLmtSz = maxLmtSz
        self.state = state
        self.listTime = listTime
        self.ctType = ctType
        let base = String(instId.prefix { $0 != "-" })
        let quote = String(instId.split(separator: "-").dropFirst().first ?? "USDT")
        self.settleCcy = settleCcy ?? (ctType == .inverse ? base : quote)
        self.ctValCcy = ctValCcy ?? (ctType == .inverse ? quote : base)
        self.fundingRate = fundingRate
        self.tiers = PositionTier.ladder(tier1MaxSz: tier1MaxSz, mmr: mmr, maxLever: maxLever)
    }

    /// `BTC-USDT` for `BTC-USDT-SWAP`: OKX's `instFamily` and `uly`.
    package var instFamily: String {
        instId.hasSuffix("-SWAP") ? String(instId.dropLast(5)) : instId
    }

    /// `BTC` for `BTC-USDT-SWAP` and `BTC-USD-SWAP`: the coin the swap is about.
    package var baseCcy: String {
        String(instId.prefix { $0 != "-" })
    }

    /// Whether orders are refused because the instrument is suspended (OKX state `suspend`).
    package var isSuspended: Bool { state == "suspend" }

    /// Whether the instrument is delisted: not listed, no orders.
    package var isExpired: Bool { state == "expired" }

    /// Contract units for a number of contracts, `|pos|·ctVal·ctMult`: base coin for linear swaps (Q), USD of
    /// face value for inverse ones (U).
    package func baseUnits(_ contracts: Decimal) -> Decimal {
        contracts * ctVal * ctMult
    }

    /// The tier a position of this many contracts sits in (the last tier for anything larger).
    package func tier(forContracts contracts: Decimal) -> PositionTier {
        tiers.first { contracts <= $0.maxSz } ?? tiers[tiers.count - 1]
    }

    /// The most contracts one side may hold at this leverage: the `maxSz` of the highest tier allowing it.
    package func positionCap(lever: Decimal) -> Decimal {
        tiers.last { $0.maxLever >= lever }?.maxSz ?? 0
    }
}

/// One row of `GET /api/v5/public/position-tiers` for isolated margin.
package struct PositionTier: Sendable, Equatable {
    /// 1-based tier number.
    package var tier: Int
    /// Lower bound in contracts (exclusive above tier 1).
    package var minSz: Decimal
    /// Upper bound in contracts (inclusive).
    package var maxSz: Decimal
    /// Maintenance margin rate, applied to the whole notional.
    package var mmr: Decimal
    /// Highest leverage allowed in this tier.
    package var maxLever: Decimal

    /// `imr` as OKX shows it: just 1/maxLever.
    package var imr: Decimal { (1 / maxLever).stored }

    /// A small realistic ladder: each tier holds more, needs a higher maintenance rate and allows less leverage.
    package static func ladder(tier1MaxSz: Decimal, mmr: Decimal, maxLever: Decimal) -> [PositionTier] {
        let bounds: [Decimal] = [1, 3, 8, 20, 50]
        let rates = ["1", "1.5", "2.5", "4", "6"].map(Decimal.literal)
        let levers = ["1", "0.5", "0.25", "0.125", "0.05"].map(Decimal.literal)
        var tiers: [PositionTier] = []
        var lower: Decimal = 0
        for index in bounds.indices {
            let upper = tier1MaxSz * bounds[index]
            let lever = max(1, (maxLever * levers[index]).rounded(scale: 0, .down))
            tiers.append(
                PositionTier(tier: index + 1, minSz: lower, maxSz: upper, mmr: mmr * rates[index], maxLever: lever))
            lower = upper
        }
        return tiers
    }
}
