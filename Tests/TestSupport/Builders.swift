public import Foundation
public import OKX

/// A deterministic random number generator (SplitMix64), so property tests repeat exactly for a seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Decimal from text, for readable test numbers.
public func dec(_ text: String) -> Decimal {
    guard let value = OKXDecimal.parse(text) else { fatalError("not a decimal: \(text)") }
    return value
}

/// Builds models the way OKX would send them.
public enum Build {
    /// A position row; every number given as OKX's decimal text.
    public static func position(
        instId: String, posSide: PositionSide = .long, pos: Decimal, avgPx: Decimal, markPx: Decimal,
        lever: Decimal, margin: Decimal, upl: Decimal? = nil, mmr: Decimal? = nil, uplRatio: Decimal? = nil,
        liqPx: Decimal? = nil, posId: String = "p1", mgnMode: String = "isolated", ccy: String = "USDT"
    ) -> Position {
        // A net position's pos is signed: (mark − entry) · pos is its upl either way.
        let quantity = pos
        let computedUpl = upl ?? (posSide == .short ? (avgPx - markPx) : (markPx - avgPx)) * quantity
        var fields: [String: JSONValue] = [
            "instId": .string(instId), "instType": .string("SWAP"), "mgnMode": .string(mgnMode),
            "posSide": .string(posSide.rawValue), "pos": .string(pos.description), "avgPx": .string(avgPx.description),
            "markPx": .string(markPx.description), "lever": .string(lever.description),
            "margin": .string(mgnMode == "cross" ? "" : margin.description), "upl": .string(computedUpl.description),
            "posId": .string(posId), "ccy": .string(ccy),
        ]
        if let mmr { fields["mmr"] = .string(mmr.description) }
        if let uplRatio { fields["uplRatio"] = .string(uplRatio.description) }
        if let liqPx { fields["liqPx"] = .string(liqPx.description) }
        return try! Position(fields: try! OKXFields(.object(fields)))
    }

    /// A position whose upl, uplRatio and mmr follow OKX's formulas for the instrument. In one-way mode
    /// (`posSide: .net`) `contracts` is signed: negative for a short.
    public static func isolated(
        _ instrument: Instrument, posSide: PositionSide = .long, contracts: Decimal, avgPx: Decimal, markPx: Decimal,
        lever: Decimal, margin: Decimal, mmrRate: Decimal = dec("0.01"), posId: String = "p1",
        mgnMode: String = "isolated"
    ) -> Position {
        let short = posSide == .short || (posSide == .net && contracts < 0)
        let quantity = contracts.absoluteValue * instrument.contractValue
        let upl = (short ? avgPx - markPx : markPx - avgPx) * quantity
        let opening = quantity * avgPx / lever
        return position(
            instId: instrument.instId, posSide: posSide, pos: contracts, avgPx: avgPx, markPx: markPx, lever: lever,
            margin: margin, upl: upl, mmr: quantity * markPx * mmrRate, uplRatio: opening > 0 ? upl / opening : 0,
            posId: posId, mgnMode: mgnMode, ccy: instrument.settleCcy ?? "USDT")
    }

    /// A coin-margined (inverse) swap as OKX lists BTC-USD-SWAP: a contract is 100 USD, margin in BTC.
    public static let btcInverse = Instrument(
        instId: "BTC-USD-SWAP", instFamily: "BTC-USD", settleCcy: "BTC", ctType: "inverse", ctVal: 100,
        ctValCcy: "USD", lotSz: 1, minSz: 1, tickSz: dec("0.1"), maxLever: 100, maxMktSz: 10_000)
    /// A USDC-margined linear swap.
    public static let btcUSDC = Instrument(
        instId: "BTC-USDC-SWAP", instFamily: "BTC-USDC", settleCcy: "USDC", ctVal: dec("0.0001"), lotSz: dec("0.01"),
        minSz: dec("0.01"), tickSz: dec("0.1"), maxLever: 100, maxMktSz: 10_000)

    public static let cro = Instrument(
        instId: "CRO-USDT-SWAP", instFamily: "CRO-USDT", ctVal: 10, lotSz: 1, minSz: 1, tickSz: dec("0.00001"),
        maxLever: 50, maxMktSz: 100_000)
    public static let apt = Instrument(
        instId: "APT-USDT-SWAP", instFamily: "APT-USDT", ctVal: 1, lotSz: 1, minSz: 1, tickSz: dec("0.001"),
        maxLever: 50, maxMktSz: 10_000)
    public static let btc = Instrument(
        instId: "BTC-USDT-SWAP", instFamily: "BTC-USDT", ctVal: dec("0.01"), lotSz: dec("0.01"), minSz: dec("0.01"),
        tickSz: dec("0.1"), maxLever: 100, maxMktSz: 12_000)
    public static let sol = Instrument(
        instId: "SOL-USDT-SWAP", instFamily: "SOL-USDT", ctVal: 1, lotSz: dec("0.01"), minSz: dec("0.01"),
        tickSz: dec("0.01"), maxLever: 50, maxMktSz: 10_000)
    public static let doge = Instrument(
        instId: "DOGE-USDT-SWAP", instFamily: "DOGE-USDT", ctVal: 1000, lotSz: dec("0.01"), minSz: dec("0.01"),
        tickSz: dec("0.00001"), maxLever: 50, maxMktSz: 10_000)
}
