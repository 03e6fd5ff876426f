import Foundation
import PaperExchange
import Testing

/// Coin-margined (inverse) and USDC-margined swaps, and a balance of several currencies.
@Suite struct InverseSwapTests {
    private let inverse = try! #require(InstrumentCatalog.instrument("BTC-USD-SWAP"))

    private func close(_ a: Decimal?, _ b: String, within: String) -> Bool {
        guard let a else { return false }
        return abs(a - d(b)) <= d(within)
    }

    /// OKX's recorded BTC-USD-SWAP isolated long (okx/real-replies/fetchPosition-2.json): 1 contract at 92300,
    /// lever 3, margin 0.0003611412062116 BTC, mark 92376.7.
    @Test func theInverseFormulasReproduceOKXsRecordedIsolatedPosition() {
        let position = Position(
            posId: "1", instId: "BTC-USD-SWAP", posSide: .long, pos: 1, avgPx: 92300,
            margin: d("0.0003611412062116"), lever: 3, cTime: t0, uTime: t0)
        let figures = position.metrics(instrument: inverse, markPx: d("92376.7"), takerRate: d("0.0005"))
        #expect(close(figures.liqPx, "69536.6125000014", within: "0.000001"))  // to the digit, tick buffer included
        #expect(close(figures.upl, "0.000000899562244", within: "0.000000000000001"))
        #expect(close(figures.uplRatio, "0.0024908878537552", within: "0.000000000000001"))
        #expect(close(figures.mgnRatio, "74.32029212310307", within: "0.0000000001"))
        #expect(close(figures.mmr, "0.0000043300962256", within: "0.0000000000000001"))
        #expect(close(figures.bePx, "92392.34617308505", within: "0.000001"))
        #expect(figures.notionalUsd == 100)
        #expect(figures.imr == nil)
    }

    /// OKX's recorded BTC-USD-SWAP cross long (fetchPosition-1.json): 1 contract, lever 20, mark 92057.4.
    @Test func crossInverseInitialAndMaintenanceMarginMatchOKXs() {
        let position = Position(
            posId: "1", instId: "BTC-USD-SWAP", mgnMode: .cross, posSide: .long, pos: 1, avgPx: d("91957.1"),
            margin: 0, lever: 20, cTime: t0, uTime: t0)
        let figures = position.metrics(instrument: inverse, markPx: d("92057.4"), takerRate: d("0.0005"))
        #expect(close(figures.imr, "0.000054313938912", within: "0.000000000000001"))
        #expect(close(figures.mmr, "0.000004345115113", within: "0.000000000000001"))
    }

    @Test func anInverseOpenPostsMarginAndPaysTheFeeInBTC() throws {
        var state = shapesState([holder(cash: "0", other: ["BTC": "0.01"])], marks: ["BTC-USD-SWAP": "92300"])
        #expect(state.market("BTC-USD-SWAP", .buy, "1", posSide: .long) == "0")
        let position = try #require(state.position("BTC-USD-SWAP", .isolated, .long))
        #expect(position.margin == d("0.0001083423618635"))  // 100 USD / (92300 × 10) BTC
        #expect(position.fee == d("-0.0000005417118093"))  // the fee of OKX's recorded fill at 92300
        #expect(state.books[0].cash("BTC") == d("0.01") - position.margin - d("0.0000005417118093"))
        #expect(state.market("BTC-USD-SWAP", .buy, "1000", posSide: .long) == "51008")
    }

    @Test func theBalanceListsEveryCurrencyHeldAndLeavesOutEmptyOnes() throws {
        let state = shapesState([
            holder(
                cash: "0", other: ["BTC": "0.05", "USDC": "0"],
                positions: [seeded("BTC-USD-SWAP", .long, "10", at: "95000", margin: "0.00105263")])
        ])
        let figures = state.balanceFigures(book: 0)
        #expect(figures.map(\.ccy) == ["BTC"])
        let btc = try #require(figures.first)
        let upl = d("1000") * (d("96000") - d("95000")) / (d("95000") * d("96000"))
        #expect(abs(btc.isoUpl - upl) < d("0.0000000000001"))
        #expect(btc.eq == d("0.05") + d("0.00105263") + btc.isoUpl)
        #expect(btc.usdPrice == 96000)
    }

    @Test func overHTTPInverseAndUSDCPositionsCarryTheirCurrency() async throws {
        try await withExchange(BuiltInScenarios.shapes) { _, client in
            let coin = try await client.get("/api/v5/account/positions", as: "Coin01")
            #expect(coin.first("instId") == "BTC-USD-SWAP")
            #expect(coin.first("ccy") == "BTC")
            #expect(coin.first("margin") == "0.00105263")
            #expect(coin.first("notionalUsd") == "1000")
            #expect(coin.first("imr") == "")
            let balance = try await client.get("/api/v5/account/balance", as: "Coin01")
            let details = balance.data.first?["details"] as? [[String: Any]] ?? []
            #expect(details.map { $0["ccy"] as? String } == ["BTC"])
            #expect(details.first?["cashBal"] as? String == "0.05")
            let filtered = try await client.get("/api/v5/account/balance?ccy=USDT", as: "Coin01")
            #expect((filtered.data.first?["details"] as? [[String: Any]])?.isEmpty == true)
            let usdc = try await client.get("/api/v5/account/positions", as: "Usdc01")
            #expect(usdc.first("ccy") == "USDC")
            #expect(usdc.first("margin") == "9.55")
            let usdcBalance = try await client.get("/api/v5/account/balance?ccy=USDC,BTC", as: "Usdc01")
            let usdcDetails = usdcBalance.data.first?["details"] as? [[String: Any]] ?? []
            #expect(usdcDetails.map { $0["ccy"] as? String } == ["USDC"])
            let order = try await client.post(
                "/api/v5/trade/order", orderBody("BTC-USD-SWAP", side: "buy", posSide: "long", sz: "5"), as: "Coin01")
            #expect(order.first("sCode") == "0")
            let fetched = try await client.get(
                "/api/v5/trade/order?instId=BTC-USD-SWAP&ordId=\(order.first("ordId") ?? "")", as: "Coin01")
            #expect(fetched.first("feeCcy") == "BTC")
            let bills = try await client.get("/api/v5/account/bills?instId=BTC-USD-SWAP", as: "Coin01")
            #expect(bills.first("ccy") == "BTC")
        }
    }

    @Test func instrumentsListLinearUSDTLinearUSDCAndInverseSwaps() async throws {
        try await withExchange(BuiltInScenarios.shapes) { _, client in
            let reply = try await client.get("/api/v5/public/instruments?instType=SWAP")
            let rows = Dictionary(uniqueKeysWithValues: reply.data.map { ($0["instId"] as? String ?? "", $0) })
            let usd = try #require(rows["BTC-USD-SWAP"])
            #expect(usd["ctType"] as? String == "inverse")
            #expect(usd["settleCcy"] as? String == "BTC")
            #expect(usd["ctValCcy"] as? String == "USD")
            #expect(usd["ctVal"] as? String == "100")
            #expect(usd["instFamily"] as? String == "BTC-USD")
            let usdc = try #require(rows["BTC-USDC-SWAP"])
            #expect(usdc["ctType"] as? String == "linear")
            #expect(usdc["settleCcy"] as? String == "USDC")
            #expect(usdc["ctValCcy"] as? String == "BTC")
            let usdt = try #require(rows["BTC-USDT-SWAP"])
            #expect(usdt["settleCcy"] as? String == "USDT")
            #expect(usdt["ctValCcy"] as? String == "BTC")
        }
    }
}
