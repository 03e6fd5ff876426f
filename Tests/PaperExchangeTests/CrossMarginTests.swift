import Foundation
import PaperExchange
import Testing

/// Cross margin beside isolated: two positions on one instrument and side, cross figures from the account's
/// equity, and the Futures-mode balance relations.
@Suite struct CrossMarginTests {
    /// Hedge01 of `shapes`: 1000 USDT, a BTC long isolated (1 at 95000, margin 95) and cross (1 at 96100).
    private func hedge() -> ExchangeState {
        shapesState([
            holder(
                positions: [
                    seeded("BTC-USDT-SWAP", .long, "1", at: "95000", margin: "95"),
                    seeded("BTC-USDT-SWAP", .long, "1", at: "96100", mgnMode: .cross),
                ])
        ])
    }

    @Test func theSameInstrumentAndSideIsHeldInCrossAndIsolatedAsTwoPositions() throws {
        let state = hedge()
        let isolated = try #require(state.position("BTC-USDT-SWAP", .isolated, .long))
        let cross = try #require(state.position("BTC-USDT-SWAP", .cross, .long))
        #expect(isolated.posId != cross.posId)
        #expect(cross.margin == 0)
        let figures = try #require(state.metrics(of: cross, book: 0))
        #expect(figures.imr == 96)  // 0.01 BTC × 96000 / 10
        #expect(figures.mmr == d("3.84"))  // 960 × 0.004
        #expect(figures.upl == -1)
        #expect(figures.mgnRatio == d("231.25"))  // (1000 − 1) / (3.84 + 0.48)
        #expect(figures.liqPx == nil)  // 1000 of cash carries it to zero: OKX shows ""
        #expect(try #require(state.metrics(of: isolated, book: 0)).imr == nil)
    }

    @Test func crossInitialMarginIsHeldOutOfAvailBalAndCrossUplCountsInEquity() throws {
        let state = hedge()
        let usdt = state.currencyFigures(book: 0, ccy: "USDT")
        #expect(usdt.cashBal == 1000)
        #expect(usdt.crossImr == 96)
        #expect(usdt.availBal == 904)
        #expect(usdt.isoEq == 105)  // 95 + 10 upl
        #expect(usdt.eq == 1104)  // 1000 + 105 − 1
        #expect(usdt.frozenBal == 201)
        #expect(usdt.upl == 9)
        #expect(state.availBal(book: 0) == 904)
    }

    @Test func aCrossOrderOpensACrossPositionPayingOnlyTheFeeAndAThinAccountIsRefused() throws {
        var state = shapesState([holder(cash: "100")])
        #expect(state.market("SOL-USDT-SWAP", .buy, "2", posSide: .long, mgnMode: .cross) == "0")
        let position = try #require(state.position("SOL-USDT-SWAP", .cross, .long))
        #expect(position.margin == 0)
        #expect(state.books[0].cashBal == d("99.8615"))
        #expect(state.availBal(book: 0) == d("72.1615"))
        #expect(state.market("SOL-USDT-SWAP", .buy, "6", posSide: .long, mgnMode: .cross) == "51008")
        #expect(state.market("SOL-USDT-SWAP", .sell, "1", posSide: .long, mgnMode: .cross) == "0")
        #expect(state.position("SOL-USDT-SWAP", .cross, .long)?.pos == 1)
    }

    @Test func crossLeverageIsPerInstrumentAndMovesTheOpenPosition() throws {
        var state = hedge()
        try state.setLeverage(book: 0, instId: "BTC-USDT-SWAP", mgnMode: .cross, posSide: .net, lever: 20, now: t0)
        let cross = try #require(state.position("BTC-USDT-SWAP", .cross, .long))
        #expect(cross.lever == 20)
        #expect(try #require(state.metrics(of: cross, book: 0)).imr == 48)
        #expect(state.position("BTC-USDT-SWAP", .isolated, .long)?.lever == 10)
        let tooLow = state.code {
            try $0.setLeverage(book: 0, instId: "BTC-USDT-SWAP", mgnMode: .cross, posSide: .net, lever: 1, now: t0)
        }
        #expect(tooLow == "0")  // 960 of initial margin still fits in 1000 of cash
    }

    @Test func overHTTPCrossRowsLookLikeOKXsAndCloseAlone() async throws {
        try await withExchange(BuiltInScenarios.shapes) { server, client in
            let reply = try await client.get("/api/v5/account/positions?instId=BTC-USDT-SWAP", as: "Hedge01")
            #expect(reply.data.count == 2)
            let cross = try #require(reply.data.first { $0["mgnMode"] as? String == "cross" })
            let isolated = try #require(reply.data.first { $0["mgnMode"] as? String == "isolated" })
            #expect(cross["posId"] as? String != isolated["posId"] as? String)
            #expect(cross["margin"] as? String == "")
            #expect(cross["imr"] as? String == "96")
            #expect(cross["mmr"] as? String == "3.84")
            #expect(cross["liqPx"] as? String == "")
            #expect(cross["mgnRatio"] as? String == "231.25")
            #expect(isolated["imr"] as? String == "")
            #expect(isolated["margin"] as? String == "95")
            let balance = try await client.get("/api/v5/account/balance", as: "Hedge01")
            let usdt = try #require((balance.data.first?["details"] as? [[String: Any]])?.first)
            #expect(usdt["availBal"] as? String == "904")
            #expect(usdt["eq"] as? String == "1104")
            #expect(usdt["imr"] as? String == "96")
            #expect(usdt["mgnRatio"] as? String == "231.25")
            let close = try await client.post(
                "/api/v5/trade/close-position",
                "{\"instId\":\"BTC-USDT-SWAP\",\"mgnMode\":\"cross\",\"posSide\":\"long\"}", as: "Hedge01")
            #expect(close.code == "0")
            let hedge = try #require(server.state().account("Hedge01"))
            #expect(hedge.position("BTC-USDT-SWAP", .long, mgnMode: .cross) == nil)
            #expect(hedge.position("BTC-USDT-SWAP", .long) != nil)
            #expect(hedge.cashBal == d("998.52"))  // −1 upl, −0.48 fee
            let lever = try await client.post(
                "/api/v5/account/set-leverage", "{\"instId\":\"BTC-USDT-SWAP\",\"lever\":\"20\",\"mgnMode\":\"cross\"}",
                as: "Hedge01")
            #expect(lever.code == "0")
            let info = try await client.get(
                "/api/v5/account/leverage-info?instId=BTC-USDT-SWAP&mgnMode=cross", as: "Hedge01")
            #expect(info.data.map { $0["posSide"] as? String } == ["net"])
            #expect(info.first("lever") == "20")
            let order = try await client.post(
                "/api/v5/trade/order",
                orderBody("ETH-USDT-SWAP", side: "buy", posSide: "long", sz: "1").replacingOccurrences(
                    of: "isolated", with: "cross"),
                as: "Hedge01")
            #expect(order.first("sCode") == "0")
            #expect(server.state().account("Hedge01")?.position("ETH-USDT-SWAP", .long, mgnMode: .cross) != nil)
        }
    }
}
