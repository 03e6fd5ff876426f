import Foundation
import PaperExchange
import Testing

/// One-way (net) mode: signed positions, flips, reduce-only orders and the posSide rules of both modes.
@Suite struct NetModeTests {
    @Test func aBuyOpensAPositiveNetPositionAndALargerSellFlipsItAtTheFillPrice() throws {
        var state = shapesState([holder(posMode: .net)])
        #expect(state.market("SOL-USDT-SWAP", .buy, "2") == "0")
        let first = try #require(state.position("SOL-USDT-SWAP", .isolated, .net))
        #expect(first.pos == 2)
        #expect(first.margin == d("27.7"))
        try state.setMark("SOL-USDT-SWAP", d("140"), now: t0)
        #expect(state.market("SOL-USDT-SWAP", .sell, "5") == "0")
        let flipped = try #require(state.position("SOL-USDT-SWAP", .isolated, .net))
        #expect(flipped.pos == -3)
        #expect(flipped.avgPx == 140)
        #expect(flipped.margin == 42)
        #expect(flipped.posId != first.posId)
        #expect(flipped.direction == .short)
        // Cash: −27.7 − 0.1385 at the open; +27.7 + 3 pnl − 0.14 fee at the close; −42 − 0.21 at the new
        // open.
        #expect(state.books[0].cashBal == d("960.5115"))
        let closed = try #require(state.books[0].history.last)
        #expect(closed.posId == first.posId)
        #expect(closed.type == 2)
        #expect(closed.direction == .long)
        #expect(closed.pnl == 3)
        let sell = try #require(state.books[0].orders.last)
        #expect(sell.sz == 5)
        #expect(sell.pnl == 3)
        #expect(sell.fee == d("-0.35"))
        #expect(state.books[0].bills.suffix(2).map(\.subType) == [2, 2])
    }

    @Test func aReduceOnlyOrderMayOnlyReduce() throws {
        var state = shapesState([holder(posMode: .net)])
        #expect(state.market("SOL-USDT-SWAP", .sell, "1", reduceOnly: true) == "51169")
        #expect(state.market("SOL-USDT-SWAP", .sell, "3") == "0")
        #expect(state.position("SOL-USDT-SWAP", .isolated, .net)?.pos == -3)
        #expect(state.market("SOL-USDT-SWAP", .sell, "1", reduceOnly: true) == "51169")
        #expect(state.market("SOL-USDT-SWAP", .buy, "4", reduceOnly: true) == "51112")
        #expect(state.position("SOL-USDT-SWAP", .isolated, .net)?.pos == -3)
        #expect(state.market("SOL-USDT-SWAP", .buy, "1", reduceOnly: true) == "0")
        #expect(state.position("SOL-USDT-SWAP", .isolated, .net)?.pos == -2)
        #expect(state.books[0].orders.last?.reduceOnly == true)
        #expect(state.market("SOL-USDT-SWAP", .buy, "2", reduceOnly: true) == "0")
        #expect(state.position("SOL-USDT-SWAP", .isolated, .net) == nil)
    }

    @Test func eachModeRefusesTheOthersPositionSide() {
        var state = shapesState([holder(posMode: .net), holder("sub1")])
        #expect(state.market("SOL-USDT-SWAP", .buy, "1", posSide: .long) == "51000")
        #expect(state.market("SOL-USDT-SWAP", .buy, "1", posSide: .net, book: 1) == "51000")
        #expect(state.market("SOL-USDT-SWAP", .buy, "1", posSide: .long, book: 1) == "0")
        let leverage = state.code {
            try $0.setLeverage(book: 0, instId: "SOL-USDT-SWAP", posSide: .long, lever: 5, now: t0)
        }
        #expect(leverage == "51000")
    }

    @Test func thePositionModeChangesOnlyWithNothingOpen() {
        var state = shapesState([holder()])
        #expect(state.code { try $0.setPositionMode(book: 0, .net) } == "0")
        #expect(state.books[0].posMode == .net)
        #expect(state.market("SOL-USDT-SWAP", .buy, "1") == "0")
        #expect(state.code { try $0.setPositionMode(book: 0, .longShort) } == "59000")
    }

    @Test func overHTTPNetOrdersCarryNoPosSideAndPositionsAreSigned() async throws {
        try await withExchange(BuiltInScenarios.shapes) { server, client in
            let positions = try await client.get("/api/v5/account/positions?instId=ETH-USDT-SWAP")
            #expect(positions.first("pos") == "-1")
            #expect(positions.first("posSide") == "net")
            let config = try await client.get("/api/v5/account/config")
            #expect(config.first("posMode") == "net_mode")
            // A reduce-only sell of the SOL cross long, reduceOnly as a JSON bool (ccxt) …
            let reduce = try await client.post(
                "/api/v5/trade/order",
                json([
                    ("instId", "\"SOL-USDT-SWAP\""), ("tdMode", "\"cross\""), ("side", "\"sell\""),
                    ("ordType", "\"market\""), ("sz", "\"1\""), ("reduceOnly", "true"),
                ]))
            #expect(reduce.first("sCode") == "0")
            // … and as a string (python-okx), oversize: refused.
            let oversize = try await client.post(
                "/api/v5/trade/order",
                json([
                    ("instId", "\"SOL-USDT-SWAP\""), ("tdMode", "\"cross\""), ("side", "\"sell\""),
                    ("ordType", "\"market\""), ("sz", "\"5\""), ("reduceOnly", "\"true\""), ("posSide", "\"net\""),
                ]))
            #expect(oversize.first("sCode") == "51112")
            let withSide = try await client.post(
                "/api/v5/trade/order", orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1"))
            #expect(withSide.first("sCode") == "51000")
            #expect(withSide.first("sMsg") == "Parameter posSide error")
            let sol = try #require(server.state().account("main")?.position("SOL-USDT-SWAP", .net, mgnMode: .cross))
            #expect(sol.position.pos == 1)
            let ordId = reduce.first("ordId") ?? ""
            let fetched = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&ordId=\(ordId)")
            #expect(fetched.first("posSide") == "net")
            #expect(fetched.first("reduceOnly") == "true")
            #expect(fetched.first("tdMode") == "cross")
        }
    }

    @Test func overHTTPLeverageMarginAndCloseTakeNetOrNoSide() async throws {
        try await withExchange(BuiltInScenarios.shapes) { server, client in
            let lever = try await client.post(
                "/api/v5/account/set-leverage",
                "{\"instId\":\"ETH-USDT-SWAP\",\"lever\":\"5\",\"mgnMode\":\"isolated\"}")
            #expect(lever.code == "0")
            let info = try await client.get("/api/v5/account/leverage-info?instId=ETH-USDT-SWAP&mgnMode=isolated")
            #expect(info.data.count == 1)
            #expect(info.first("posSide") == "net")
            #expect(info.first("lever") == "5")
            let wrong = try await client.post(
                "/api/v5/account/set-leverage",
                "{\"instId\":\"ETH-USDT-SWAP\",\"lever\":\"5\",\"mgnMode\":\"isolated\",\"posSide\":\"short\"}")
            #expect(wrong.code == "51000")
            let before = try #require(server.state().account("main")?.position("ETH-USDT-SWAP", .net)?.position.margin)
            let add = try await client.post(
                "/api/v5/account/position/margin-balance",
                "{\"instId\":\"ETH-USDT-SWAP\",\"posSide\":\"net\",\"type\":\"add\",\"amt\":\"2\"}")
            #expect(add.code == "0")
            #expect(add.first("posSide") == "net")
            let after = try #require(server.state().account("main")?.position("ETH-USDT-SWAP", .net)?.position.margin)
            #expect(after - before == 2)
            let close = try await client.post(
                "/api/v5/trade/close-position", "{\"instId\":\"ETH-USDT-SWAP\",\"mgnMode\":\"isolated\"}")
            #expect(close.code == "0")
            #expect(server.state().account("main")?.position("ETH-USDT-SWAP", .net) == nil)
            let closing = try #require(server.orders(account: "main").last)
            #expect(closing.side == .buy)
            #expect(closing.posSide == .net)
            let mode = try await client.post("/api/v5/account/set-position-mode", "{\"posMode\":\"long_short_mode\"}")
            #expect(mode.code == "59000")
        }
    }

    @Test func overHTTPAnEmptyAccountSwitchesToNetMode() async throws {
        try await withExchange(BuiltInScenarios.empty) { _, client in
            let mode = try await client.post("/api/v5/account/set-position-mode", "{\"posMode\":\"net_mode\"}")
            #expect(mode.code == "0")
            #expect(mode.first("posMode") == "net_mode")
            #expect(try await client.get("/api/v5/account/config").first("posMode") == "net_mode")
            let info = try await client.get("/api/v5/account/leverage-info?instId=SOL-USDT-SWAP&mgnMode=isolated")
            #expect(info.data.map { $0["posSide"] as? String } == ["net"])
            let bad = try await client.post("/api/v5/account/set-position-mode", "{\"posMode\":\"hedge\"}")
            #expect(bad.code == "51000")
        }
    }
}
