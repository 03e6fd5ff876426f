import Foundation
import PaperExchange
import Testing

/// Liquidation and auto-deleveraging on demand, as a test or the admin API asks.
@Suite struct ForcedCloseTests {
    @Test func liquidatingACrossPositionLeavesOKXsTraces() async throws {
        try await withExchange(BuiltInScenarios.shapes) { server, _ in
            try server.liquidate(account: "Hedge01", instId: "BTC-USDT-SWAP", mgnMode: .cross, posSide: .long)
            let hedge = try #require(server.state().account("Hedge01"))
            #expect(hedge.position("BTC-USDT-SWAP", .long, mgnMode: .cross) == nil)
            #expect(hedge.position("BTC-USDT-SWAP", .long) != nil)
            let order = try #require(server.orders(account: "Hedge01").last)
            #expect(order.category == "full_liquidation")
            #expect(order.mgnMode == .cross)
            let bill = try #require(hedge.bills.last)
            #expect(bill.type == .liquidation)
            #expect(bill.subType == 104)
            let history = try #require(hedge.history.last)
            #expect(history.type == 3)
            #expect(history.mgnMode == .cross)
            // −1 upl, −0.48 fee, −3.84 penalty (one maintenance margin) from cash.
            #expect(hedge.cashBal == d("994.68"))
            #expect(throws: ExchangeRejection.noPosition) {
                try server.liquidate(account: "Hedge01", instId: "BTC-USDT-SWAP", mgnMode: .cross, posSide: .long)
            }
        }
    }

    @Test func autoDeleveragingANetShortClosesItAtTheMarkWithoutAFee() async throws {
        try await withExchange(BuiltInScenarios.shapes) { server, _ in
            let before = try #require(server.state().account("main"))
            let eth = try #require(before.position("ETH-USDT-SWAP", .net))
            try server.autoDeleverage(account: "main", instId: "ETH-USDT-SWAP", posSide: .net)
            let after = try #require(server.state().account("main"))
            #expect(after.position("ETH-USDT-SWAP", .net) == nil)
            let order = try #require(server.orders(account: "main").last)
            #expect(order.category == "adl")
            #expect(order.side == .buy)
            #expect(order.fee == 0)
            let bill = try #require(after.bills.last)
            #expect(bill.type == .adl)
            #expect(bill.subType == 127)  // ADL buy: the net short was bought back
            #expect(after.history.last?.type == 5)
            #expect(after.history.last?.direction == .short)
            #expect(after.cashBal == before.cashBal + eth.position.margin + eth.metrics.upl)
        }
    }

    @Test func theAdminAPIForcesClosesByAccountInstrumentModeAndSide() async throws {
        try await withExchange(BuiltInScenarios.shapes, options: testOptions(admin: true)) { server, client in
            let adl = try await client.raw(
                "POST", "/__sim/adl",
                body: "{\"account\":\"Plain01\",\"instId\":\"CRO-USDT-SWAP\",\"posSide\":\"long\"}")
            #expect(adl.code == "0")
            #expect(server.orders(account: "Plain01").last?.category == "adl")
            #expect(server.state().account("Plain01")?.bills.last?.subType == 125)
            let liquidate = try await client.raw(
                "POST", "/__sim/liquidate",
                body: json([
                    ("account", "\"Coin01\""), ("instId", "\"BTC-USD-SWAP\""), ("mgnMode", "\"isolated\""),
                    ("posSide", "\"long\""),
                ]))
            #expect(liquidate.code == "0")
            let coin = try #require(server.state().account("Coin01"))
            #expect(coin.positions.isEmpty)
            #expect(coin.currency("BTC").cashBal == d("0.05"))  // an isolated liquidation leaves cash alone
            let none = try await client.raw(
                "POST", "/__sim/adl", body: "{\"account\":\"Coin01\",\"instId\":\"BTC-USD-SWAP\",\"posSide\":\"long\"}")
            #expect(none.code == "51023")
            let history = try await client.get("/api/v5/account/positions-history", as: "Coin01")
            #expect(history.first("type") == "3")
            #expect(history.first("ccy") == "BTC")
        }
    }
}
