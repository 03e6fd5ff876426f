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

    /// A catalog instrument by id.
    package static func instrument(_ instId: String) -> Instrument? {
        all.first { $0.instId == instId }
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
