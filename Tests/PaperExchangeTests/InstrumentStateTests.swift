import Foundation
import PaperExchange
import Testing

/// Suspended and delisted instruments, position tiers' parameters and the mark price by instId alone.
@Suite struct InstrumentStateTests {
    @Test func aSuspendedSwapIsListedAndRefusesOrdersADelistedOneIsHiddenAndRefusesThem() async throws {
        try await withExchange(BuiltInScenarios.shapes) { _, client in
            let listed = try await client.raw("GET", "/api/v5/public/instruments?instType=SWAP")
            let states = Dictionary(
                uniqueKeysWithValues: listed.data.map { ($0["instId"] as? String ?? "", $0["state"] as? String ?? "") })
            #expect(states["LUNA-USDT-SWAP"] == "suspend")
            #expect(states["FTT-USDT-SWAP"] == nil)
            let suspended = try await client.post(
                "/api/v5/trade/order",
                orderBody("LUNA-USDT-SWAP", side: "buy", posSide: nil, sz: "1"))
            #expect(suspended.first("sCode") == "51022")
            let expired = try await client.post(
                "/api/v5/trade/order",
                orderBody("FTT-USDT-SWAP", side: "buy", posSide: nil, sz: "1"))
            #expect(expired.first("sCode") == "51027")
            let close = try await client.post(
                "/api/v5/trade/close-position", "{\"instId\":\"LUNA-USDT-SWAP\",\"mgnMode\":\"isolated\"}")
            #expect(close.code == "1")
            #expect(close.first("sCode") == "51022")
            let positions = try await client.get("/api/v5/account/positions")
            let ids = Set(positions.data.compactMap { $0["instId"] as? String })
            #expect(ids.isSuperset(of: ["LUNA-USDT-SWAP", "FTT-USDT-SWAP"]))
        }
    }

    @Test func positionTiersNeedInstTypeTdModeAndAFamily() async throws {
        try await withExchange(BuiltInScenarios.shapes) { _, client in
            let base = "/api/v5/public/position-tiers?instType=SWAP"
            #expect(try await client.raw("GET", base + "&instFamily=BTC-USDT").code == "50014")
            #expect(try await client.raw("GET", base + "&tdMode=spot&instFamily=BTC-USDT").code == "51000")
            #expect(try await client.raw("GET", base + "&tdMode=cross").code == "50015")
            #expect(try await client.raw("GET", "/api/v5/public/position-tiers?tdMode=cross").code == "50014")
            let cross = try await client.raw("GET", base + "&tdMode=cross&instFamily=BTC-USD")
            #expect(cross.code == "0")
            #expect(cross.data.count == 5)
            let rates = cross.data.compactMap { ($0["mmr"] as? String).flatMap(Decimal.strict) }
            #expect(rates == rates.sorted())
            #expect(rates.first == d("0.004"))
        }
    }

    @Test func theTierRateRisesWithSizeForCrossAndInverseToo() {
        let inverse = InstrumentCatalog.instrument("BTC-USD-SWAP")!
        let small = Position(
            posId: "1", instId: "BTC-USD-SWAP", mgnMode: .cross, posSide: .long, pos: 10, avgPx: 96000, margin: 0,
            lever: 10, cTime: t0, uTime: t0)
        var large = small
        large.pos = 20_000
        let rate = d("0.0005")
        #expect(small.metrics(instrument: inverse, markPx: 96000, takerRate: rate).mmrRate == d("0.004"))
        #expect(large.metrics(instrument: inverse, markPx: 96000, takerRate: rate).mmrRate == d("0.006"))
    }

    @Test func theMarkPriceAnswersInstIdAlone() async throws {
        try await withExchange(BuiltInScenarios.demo) { _, client in
            let alone = try await client.raw("GET", "/api/v5/public/mark-price?instId=BTC-USDT-SWAP")
            #expect(alone.code == "0")
            #expect(alone.first("markPx") == "96000")
            #expect(alone.first("instType") == "SWAP")
            #expect(try await client.raw("GET", "/api/v5/public/mark-price").code == "50014")
            let all = try await client.raw("GET", "/api/v5/public/mark-price?instType=SWAP")
            #expect(all.data.count == InstrumentCatalog.all.count)
        }
    }
}
