import Foundation
import PaperExchange
import Testing

/// The trading endpoints over HTTP, in OKX's wire format.
@Suite struct HTTPTradingTests {
    @Test func aMarketOrderFillsAndCanBeFetchedByClientId() async throws {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            let placed = try await client.post(
                "/api/v5/trade/order",
                orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1", clOrdId: "open1"))
            #expect(placed.status == 200)
            #expect(placed.code == "0")
            #expect(placed.first("sCode") == "0")
            #expect(placed.first("clOrdId") == "open1")
            #expect(placed.json["inTime"] as? String != nil)
            #expect(placed.json["outTime"] as? String != nil)
            let ordId = try #require(placed.first("ordId"))
            let fetched = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&clOrdId=open1")
            #expect(fetched.first("ordId") == ordId)
            #expect(fetched.first("state") == "filled")
            #expect(fetched.first("accFillSz") == "1")
            #expect(fetched.first("avgPx") == "138.5")
            #expect(fetched.first("fee") == "-0.06925")
            #expect(fetched.first("category") == "normal")
            #expect(server.state().account("main")?.position("SOL-USDT-SWAP", .long)?.position.pos == 1)
        }
    }

    @Test func reusingAFilledOrdersClientIdOpensAgainAndLookupReturnsTheLatest() async throws {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            let body = orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1", clOrdId: "again1")
            let first = try await client.post("/api/v5/trade/order", body)
            let second = try await client.post("/api/v5/trade/order", body)
            #expect(first.first("sCode") == "0")
            #expect(second.first("sCode") == "0")
            #expect(first.first("ordId") != second.first("ordId"))
            let fetched = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&clOrdId=again1")
            #expect(fetched.first("ordId") == second.first("ordId"))
            #expect(server.state().account("main")?.position("SOL-USDT-SWAP", .long)?.position.pos == 2)
            let unknown = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&clOrdId=never1")
            #expect(unknown.code == "51603")
        }
    }

    @Test func orderItemErrorsComeBackItemLevelWithCodeOne() async throws {
        try await withExchange(BuiltInScenarios.empty) { _, client in
            let noSide = try await client.post(
                "/api/v5/trade/order", orderBody("SOL-USDT-SWAP", side: "buy", posSide: nil, sz: "1"))
            #expect(noSide.status == 200)
            #expect(noSide.code == "1")
            #expect(noSide.msg == "All operations failed")
            #expect(noSide.first("sCode") == "51000")
            #expect(noSide.first("sMsg") == "Parameter posSide error")
            let badId = try await client.post(
                "/api/v5/trade/order",
                orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1", clOrdId: "bad-id"))
            #expect(badId.first("sCode") == "51000")
            let tooSmall = try await client.post(
                "/api/v5/trade/order", orderBody("BTC-USDT-SWAP", side: "buy", posSide: "long", sz: "0.001"))
            #expect(tooSmall.first("sCode") == "51020")
            let closeNothing = try await client.post(
                "/api/v5/trade/order", orderBody("BTC-USDT-SWAP", side: "sell", posSide: "long", sz: "0.01"))
            #expect(closeNothing.first("sCode") == "51169")
        }
    }

    @Test func aBatchWithOneGoodAndOneBadOrderAnswersCodeTwo() async throws {
        try await withExchange(BuiltInScenarios.empty) { _, client in
            let good = orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1", clOrdId: "b1")
            let bad = orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "0.001", clOrdId: "b2")
            let reply = try await client.post("/api/v5/trade/batch-orders", "[\(good),\(bad)]")
            #expect(reply.code == "2")
            #expect(reply.data.map { $0["sCode"] as? String } == ["0", "51020"])
        }
    }

    @Test func ccxtStyleJSONNumbersAndPythonOkxStyleEmptyFieldsAreAccepted() async throws {
        try await withExchange { server, client in
            let leverage = try await client.post(
                "/api/v5/account/set-leverage",
                "{\"lever\":5,\"mgnMode\":\"isolated\",\"instId\":\"CRO-USDT-SWAP\",\"posSide\":\"long\"}",
                as: "Wu666666")
            #expect(leverage.code == "0")
            #expect(leverage.first("lever") == "5")
            let before = try #require(
                server.state().account("Wu666666")?.position("CRO-USDT-SWAP", .long)?.position.margin)
            let add = try await client.post(
                "/api/v5/account/position/margin-balance",
                #"{"instId": "CRO-USDT-SWAP", "posSide": "long", "type": "add", "amt": 5.1, "loanTrans": ""}"#,
                as: "Wu666666")
            #expect(add.code == "0")
            #expect(add.first("amt") == "5.1")
            let after = try #require(
                server.state().account("Wu666666")?.position("CRO-USDT-SWAP", .long)?.position.margin)
            #expect(after - before == Decimal.literal("5.1"))
            let pythonOrder = """
                {"instId": "SOL-USDT-SWAP", "tdMode": "isolated", "side": "buy", "ordType": "market", "sz": "1", \
                "ccy": "", "clOrdId": "py1", "tag": "", "posSide": "long", "px": "", "reduceOnly": "", "tgtCcy": "", \
                "stpMode": "", "pxUsd": "", "pxVol": "", "banAmend": "", "attachAlgoOrds": null}
                """
            let placed = try await client.post("/api/v5/trade/order", pythonOrder, as: "Wu666666")
            #expect(placed.first("sCode") == "0")
        }
    }

    @Test func closePositionClosesTheSideWithoutAnOrderIdAndRefusesWhenThereIsNone() async throws {
        try await withExchange { server, client in
            let body =
                "{\"instId\":\"APT-USDT-SWAP\",\"mgnMode\":\"isolated\",\"posSide\":\"long\",\"clOrdId\":\"shut1\"}"
            let closed = try await client.post("/api/v5/trade/close-position", body, as: "Wu666666")
            #expect(closed.code == "0")
            #expect(closed.data.first?["ordId"] == nil)
            #expect(closed.first("clOrdId") == "shut1")
            #expect(server.state().account("Wu666666")?.position("APT-USDT-SWAP", .long) == nil)
            let fetched = try await client.get("/api/v5/trade/order?instId=APT-USDT-SWAP&clOrdId=shut1", as: "Wu666666")
            #expect(fetched.first("state") == "filled")
            #expect(fetched.first("side") == "sell")
            let again = try await client.post("/api/v5/trade/close-position", body, as: "Wu666666")
            #expect(again.code == "1")
            #expect(again.first("sCode") == "51023")
            let zero = try await client.get("/api/v5/account/positions?instId=APT-USDT-SWAP", as: "Wu666666")
            #expect(zero.first("pos") == "0")
            #expect(zero.first("posId") != nil)
            let all = try await client.get("/api/v5/account/positions", as: "Wu666666")
            #expect(all.data.count == 1)
        }
    }

    @Test func marginReduceAboveTheLimitIsRefusedWith59301AndTwoSmallStepsPass() async throws {
        try await withExchange { _, client in
            func reduce(_ amount: String) async throws -> Reply {
                try await client.post(
                    "/api/v5/account/position/margin-balance",
                    "{\"instId\":\"CRO-USDT-SWAP\",\"posSide\":\"long\",\"type\":\"reduce\",\"amt\":\"\(amount)\"}",
                    as: "Wu666666")
            }
            let refused = try await reduce("10.29")
            #expect(refused.code == "59301")
            #expect(refused.status == 200)
            #expect(try await reduce("5").code == "0")
            #expect(try await reduce("5").code == "0")
            let positions = try await client.get("/api/v5/account/positions?instId=CRO-USDT-SWAP", as: "Wu666666")
            #expect(positions.first("margin") == "10.29")
            let bills = try await client.get("/api/v5/account/bills?type=6&subType=161", as: "Wu666666")
            #expect(bills.data.count == 2)
            let missing = try await client.post(
                "/api/v5/account/position/margin-balance",
                "{\"instId\":\"BTC-USDT-SWAP\",\"posSide\":\"short\",\"type\":\"add\",\"amt\":\"1\"}", as: "Wu666666")
            #expect(missing.code == "59300")
        }
    }

    @Test func positionsAndBalanceAgreeWithOKXRelations() async throws {
        try await withExchange { _, client in
            let positions = try await client.get("/api/v5/account/positions?instType=SWAP")
            #expect(positions.data.count == 22)
            #expect(positions.data.filter { $0["posSide"] as? String == "long" }.count == 12)
            let cTimes = positions.data.compactMap { ($0["cTime"] as? String).flatMap { Int64($0) } }
            #expect(cTimes == cTimes.sorted(by: >))
            let first = try #require(positions.data.first)
            #expect(first["imr"] as? String == "")
            #expect(first["mgnMode"] as? String == "isolated")
            let balance = try await client.get("/api/v5/account/balance?ccy=USDT")
            let detail = try #require((balance.data.first?["details"] as? [[String: Any]])?.first)
            let number = { (key: String) in Decimal.strict(detail[key] as? String ?? "") ?? -1 }
            #expect(number("eq") == number("cashBal") + number("isoEq"))
            #expect(number("availBal") == number("cashBal"))
            let margins = positions.data.reduce(Decimal(0)) { sum, row in
                sum + (Decimal.strict(row["margin"] as? String ?? "") ?? 0)
                    + (Decimal.strict(row["upl"] as? String ?? "") ?? 0)
            }
            #expect(number("isoEq") == margins)
            let config = try await client.get("/api/v5/account/config")
            #expect(config.first("posMode") == "long_short_mode")
            #expect(config.first("acctLv") == "2")
            #expect(config.first("uid") == config.first("mainUid"))
            let sub = try await client.get("/api/v5/account/config", as: "Wu666666")
            #expect(sub.first("mainUid") == config.first("uid"))
            #expect(sub.first("uid") != config.first("uid"))
        }
    }

    @Test func onlyTheMainKeyListsSubAccounts() async throws {
        try await withExchange { _, client in
            let list = try await client.get("/api/v5/users/subaccount/list")
            #expect(list.data.count == 9)
            #expect(list.data.contains { $0["subAcct"] as? String == "Wu666666" })
            let refused = try await client.get("/api/v5/users/subaccount/list", as: "Wu666666")
            #expect(refused.code == "59500")
        }
    }

    @Test func publicEndpointsAnswerInOKXShape() async throws {
        try await withExchange { _, client in
            let swaps = try await client.raw("GET", "/api/v5/public/instruments?instType=SWAP")
            #expect(swaps.data.count == InstrumentCatalog.all.count)
            let spot = try await client.raw("GET", "/api/v5/public/instruments?instType=SPOT")
            #expect(spot.code == "0")
            #expect(spot.data.isEmpty)
            let mark = try await client.raw("GET", "/api/v5/public/mark-price?instType=SWAP&instId=CRO-USDT-SWAP")
            #expect(mark.first("markPx") == "0.0925")
            let ticker = try await client.raw("GET", "/api/v5/market/ticker?instId=BTC-USDT-SWAP")
            #expect(ticker.first("last") == "96000")
            let tiers = try await client.raw(
                "GET", "/api/v5/public/position-tiers?instType=SWAP&tdMode=isolated&instFamily=SOL-USDT")
            #expect(tiers.first("mmr") == "0.005")
            let unknown = try await client.raw("GET", "/api/v5/market/ticker?instId=NOPE-USDT-SWAP")
            #expect(unknown.code == "51001")
            let currencies = try await client.get("/api/v5/asset/currencies")
            #expect(currencies.first("ccy") == "USDT")
        }
    }

    @Test func malformedRequestsGetOKXErrorsNotCrashes() async throws {
        try await withExchange { _, client in
            let notFound = try await client.raw("GET", "/api/v5/no/such/thing")
            #expect(notFound.status == 404)
            #expect(notFound.code == "404")
            let wrongMethod = try await client.raw("POST", "/api/v5/public/time")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.code == "50115")
            let badJSON = try await client.post("/api/v5/trade/order", "{\"instId\": ")
            #expect(badJSON.status == 400)
            #expect(badJSON.code == "50002")
            let empty = try await client.post("/api/v5/trade/order", "")
            #expect(empty.code == "50000")
            let noType = try await client.raw("GET", "/api/v5/public/instruments")
            #expect(noType.status == 400)
            #expect(noType.code == "50014")
            #expect(noType.msg == "Parameter instType can not be empty.")
            let badLever = try await client.post(
                "/api/v5/account/set-leverage",
                "{\"lever\":\"ten\",\"mgnMode\":\"isolated\",\"instId\":\"BTC-USDT-SWAP\",\"posSide\":\"long\"}")
            #expect(badLever.code == "51000")
            #expect(badLever.msg == "Parameter lever error")
            let afterAll = try await client.raw("GET", "/api/v5/public/time")
            #expect(afterAll.code == "0")
        }
    }

    @Test func theAdminAPIIsOffUnlessAskedAndListsKeysWhenOn() async throws {
        try await withExchange { _, client in
            let hidden = try await client.raw("GET", "/__sim/accounts")
            #expect(hidden.status == 404)
        }
        try await withExchange(options: testOptions(admin: true)) { server, client in
            let accounts = try await client.raw("GET", "/__sim/accounts")
            #expect(accounts.data.count == 10)
            #expect(accounts.data.first?["secretKey"] as? String == server.account(named: "main")?.secretKey)
            let mark = try await client.raw(
                "POST", "/__sim/mark", body: "{\"instId\":\"CRO-USDT-SWAP\",\"markPx\":\"0.09259\"}")
            #expect(mark.code == "0")
            #expect(server.state().marks["CRO-USDT-SWAP"] == Decimal.literal("0.09259"))
            let before = server.now
            _ = try await client.raw("POST", "/__sim/time", body: "{\"advanceMs\":60000}")
            #expect(server.now - before >= 60_000)
            let state = try await client.raw("GET", "/__sim/state")
            #expect((state.data.first?["accounts"] as? [Any])?.count == 10)
        }
    }
}
