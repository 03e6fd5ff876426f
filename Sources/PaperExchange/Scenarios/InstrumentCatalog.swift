package import Foundation

/// Realistic USDT perpetual swaps, with the contract sizes, steps and tier-1 maintenance rates OKX lists.
///
/// ctVal, lotSz, minSz and tickSz follow OKX's live listings (BTC 0.01, ETH 0.1, SOL 1, DOGE 1000, CRO 10, APT 1…);
/// tier tables are a small ladder from the tier-1 rate (okx/API.md §3: BTC/ETH 0.004, SOL 0.005, DOGE 0.01).
package enum InstrumentCatalog {
    /// Every instrument of the catalog.
    package static let all: [Instrument] = [
        swap("BTC", ctVal: "0.01", lot: "0.01", tick: "0.1", lever: 100, maxMkt: 12_000, mmr: "0.004", tier1: 4_000),
        swap("ETH", ctVal: "0.1", lot: "0.01", tick: "0.01", lever: 100, maxMkt: 20_000, mmr: "0.004", tier1: 5_000),
        swap("SOL", ctVal: "1", lot: "0.01", tick: "0.01", lever: 50, maxMkt: 10_000, mmr: "0.005", tier1: 5_000),
        swap("DOGE", ctVal: "1000", lot: "0.01", tick: "0.00001", lever: 50, maxMkt: 12_000, mmr: "0.01", tier1: 2_000),
        swap("XRP", ctVal: "100", lot: "0.01", tick: "0.0001", lever: 50, maxMkt: 15_000, mmr: "0.005", tier1: 5_000),
        swap("ADA", ctVal: "100", lot: "0.1", tick: "0.0001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 3_000),
        swap("LINK", ctVal: "1", lot: "0.1", tick: "0.001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 10_000),
        swap("AVAX", ctVal: "1", lot: "0.1", tick: "0.01", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 5_000),
        swap("LTC", ctVal: "1", lot: "0.1", tick: "0.01", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 3_000),
        swap("DOT", ctVal: "1", lot: "0.1", tick: "0.001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 10_000),
        swap("TRX", ctVal: "1000", lot: "0.1", tick: "0.00001", lever: 50, maxMkt: 4_000, mmr: "0.01", tier1: 1_000),
        swap("CRO", ctVal: "10", lot: "1", tick: "0.00001", lever: 50, maxMkt: 100_000, mmr: "0.01", tier1: 50_000),
        swap("APT", ctVal: "1", lot: "1", tick: "0.001", lever: 50, maxMkt: 100_000, mmr: "0.01", tier1: 20_000),
        swap("BCH", ctVal: "0.1", lot: "0.1", tick: "0.01", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 5_000),
        swap("UNI", ctVal: "1", lot: "0.1", tick: "0.001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 10_000),
        swap("SUI", ctVal: "1", lot: "1", tick: "0.0001", lever: 50, maxMkt: 100_000, mmr: "0.01", tier1: 30_000),
        swap("FIL", ctVal: "0.1", lot: "0.1", tick: "0.001", lever: 50, maxMkt: 50_000, mmr: "0.01", tier1: 20_000),
        swap("ATOM", ctVal: "1", lot: "0.1", tick: "0.001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 10_000),
        swap("NEAR", ctVal: "10", lot: "0.1", tick: "0.001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 5_000),
        swap("OP", ctVal: "1", lot: "1", tick: "0.0001", lever: 50, maxMkt: 100_000, mmr: "0.01", tier1: 50_000),
        swap("ARB", ctVal: "10", lot: "0.1", tick: "0.0001", lever: 50, maxMkt: 10_000, mmr: "0.01", tier1: 10_000),
        swap("TON", ctVal: "1", lot: "1", tick: "0.0001", lever: 50, maxMkt: 100_000, mmr: "0.01", tier1: 30_000),
    ]

    /// Marks that go with the catalog (late-2025 levels).
    package static let marks: [String: Decimal] = [
        "BTC-USDT-SWAP": "96000.0", "ETH-USDT-SWAP": "3150.00", "SOL-USDT-SWAP": "138.50",
        "DOGE-USDT-SWAP": "0.15820", "XRP-USDT-SWAP": "2.0650", "ADA-USDT-SWAP": "0.4180",
        "LINK-USDT-SWAP": "13.850", "AVAX-USDT-SWAP": "13.45", "LTC-USDT-SWAP": "82.40", "DOT-USDT-SWAP": "2.150",
        "TRX-USDT-SWAP": "0.28150", "CRO-USDT-SWAP": "0.09250", "APT-USDT-SWAP": "4.790",
        "BCH-USDT-SWAP": "520.00", "UNI-USDT-SWAP": "7.250", "SUI-USDT-SWAP": "2.1500", "FIL-USDT-SWAP": "2.350",
        "ATOM-USDT-SWAP": "3.150", "NEAR-USDT-SWAP": "2.450", "OP-USDT-SWAP": "0.5500", "ARB-USDT-SWAP": "0.3000",
        "TON-USDT-SWAP": "1.8500",
    ].mapValues(Decimal.literal)

    /// The other shapes of swap real accounts hold, kept apart from ``all`` so the demo's listing stays as it is:
    /// a coin-margined (inverse) BTC-USD-SWAP settled in BTC (ctVal 100 USD, tier-1 maintenance rate 0.004 as in
    /// OKX's recorded BTC-USD-SWAP positions), a USDC-margined BTC-USDC-SWAP, a suspended swap and a delisted
    /// (expired) one. Contract sizes follow OKX's listings where known; the last two are invented.
    package static let extras: [Instrument] = [
        Instrument(
            instId: "BTC-USD-SWAP", ctVal: 100, lotSz: 1, minSz: 1, tickSz: .literal("0.1"), maxLever: 100,
            maxMktSz: 30_000, mmr: .literal("0.004"), tier1MaxSz: 10_000, ctType: .inverse),
        Instrument(
            instId: "BTC-USDC-SWAP", ctVal: .literal("0.0001"), lotSz: 1, minSz: 1, tickSz: .literal("0.1"),
            maxLever: 100, maxMktSz: 100_000, mmr: .literal("0.004"), tier1MaxSz: 40_000),
        Instrument(
            instId: "LUNA-USDT-SWAP", ctVal: 1, lotSz: 1, minSz: 1, tickSz: .literal("0.0001"), maxLever: 20,
            maxMktSz: 100_000, mmr: .literal("0.02"), tier1MaxSz: 20_000, state: "suspend"),
        Instrument(
            instId: "FTT-USDT-SWAP", ctVal: 1, lotSz: 1, minSz: 1, tickSz: .literal("0.0001"), maxLever: 20,
            maxMktSz: 100_000, mmr: .literal("0.02"), tier1MaxSz: 20_000, state: "expired"),
    ]

    /// Marks for ``extras``.
    package static let extraMarks: [String: Decimal] = [
        "BTC-USD-SWAP": "96000.0", "BTC-USDC-SWAP": "96000.0", "LUNA-USDT-SWAP": "0.4500",
        "FTT-USDT-SWAP": "1.2000",
    ].mapValues(Decimal.literal)

    /// A catalog instrument by id (``all`` or ``extras``).
    package static func instrument(_ instId: String) -> Instrument? {
        all.first { $0.instId == instId } ?? extras.first { $0.instId == instId }
    }

    /// The catalog mark of an instrument (``all`` or ``extras``).
    package static func mark(_ instId: String) -> Decimal? {
        marks[instId] ?? extraMarks[instId]
    }

    private static func swap(
        _ base: String, ctVal: String, lot: String, tick: String, lever: Decimal, maxMkt: Decimal, mmr: String,
        tier1: Decimal
    ) -> Instrument {
        Instrument(
            instId: "\(base)-USDT-SWAP", ctVal: .literal(ctVal), lotSz: .literal(lot), minSz: .literal(lot),
            tickSz: .literal(tick), maxLever: lever, maxMktSz: maxMkt, mmr: .literal(mmr), tier1MaxSz: tier1)
    }
}
