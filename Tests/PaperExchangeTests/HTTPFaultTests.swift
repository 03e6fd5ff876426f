import Foundation
import LoopbackClient
import PaperExchange
import Testing

/// Every fault switch, the random fault rate, and OKX's rate limits.
@Suite struct HTTPFaultTests {
    private let orderPath = "/api/v5/trade/order"

    private func openOrder(_ clOrdId: String) -> String {
        orderBody("SOL-USDT-SWAP", side: "buy", posSide: "long", sz: "1", clOrdId: clOrdId)
    }

    private func solSize(_ server: PaperExchangeServer, _ account: String = "main") -> Decimal {
        server.state().account(account)?.position("SOL-USDT-SWAP", .long)?.position.pos ?? 0
    }

    @Test func aDroppedReplyAfterApplyLeavesTheOrderPlacedButUnanswered() async throws {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            server.arm(SimFault(.dropReplyAfterApply, path: orderPath))
            let reply = try await client.post(orderPath, openOrder("drop1"))
            #expect(reply.closedWithoutReply)
            #expect(solSize(server) == 1)
            // The client can find out what happened by asking for its clOrdId.
            let fetched = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&clOrdId=drop1")
            #expect(fetched.first("state") == "filled")
            #expect(server.armedFaults.isEmpty)
        }
    }

    @Test func aDropBeforeApplyLeavesNothingPlaced() async throws {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            server.arm(SimFault(.dropBeforeApply, path: orderPath))
            let reply = try await client.post(orderPath, openOrder("gone1"))
            #expect(reply.closedWithoutReply)
            #expect(solSize(server) == 0)
            let fetched = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&clOrdId=gone1")
            #expect(fetched.code == "51603")
        }
    }

    @Test func aStalledReplyOutlastsTheClientTimeoutButTheOrderIsApplied() async throws {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            server.arm(SimFault(.stall(milliseconds: 3_000), path: orderPath))
            let impatient = LoopbackHTTPClient(port: server.port, timeoutMs: 300)
            let body = openOrder("slow1")
            let headers = SignedRequest.headers(
                account: client.account("main"), method: "POST", target: orderPath, body: body,
                timestamp: client.timestamp())
            await #expect(throws: LoopbackHTTPClient.Failure.self) {
                _ = try await impatient.send(
                    method: "POST", target: orderPath, headers: headers, body: Array(body.utf8))
            }
            // Applied while its reply is still stalled. On a loaded machine the exchange may reach the order only
            // after the client gave up, so wait for it, but for less than the stall.
            let deadline = ContinuousClock.now + .milliseconds(2_500)
            while solSize(server) == 0 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(solSize(server) == 1)
            impatient.close()
        }
    }

    @Test func rateLimitFaultAnswers50011ForTheNextNRequests() async throws {
        try await withExchange { server, client in
            server.arm(SimFault(.rateLimit, path: "/api/v5/account/positions", count: 2))
            let first = try await client.get("/api/v5/account/positions")
            let second = try await client.get("/api/v5/account/positions")
            let third = try await client.get("/api/v5/account/positions")
            #expect(first.status == 429)
            #expect(first.code == "50011")
            #expect(second.code == "50011")
            #expect(third.code == "0")
        }
    }

    @Test func rateLimitFaultForADurationHitsEveryMatchingRequestMeanwhile() async throws {
        try await withExchange { server, client in
            server.arm(SimFault(.rateLimit, account: "main", count: nil, durationMs: 60_000))
            for _ in 0..<5 {
                let reply = try await client.get("/api/v5/account/balance")
                #expect(reply.code == "50011")
            }
            let other = try await client.get("/api/v5/account/balance", as: "Wu666666")
            #expect(other.code == "0")
            server.clearFaults()
            let after = try await client.get("/api/v5/account/balance")
            #expect(after.code == "0")
        }
    }

    @Test func unavailableAndServerErrorAnswer503And500() async throws {
        try await withExchange { server, client in
            server.arm(SimFault(.unavailable, path: "/api/v5/account/balance"))
            server.arm(SimFault(.serverError, path: "/api/v5/account/config"))
            let unavailable = try await client.get("/api/v5/account/balance")
            #expect(unavailable.status == 503)
            #expect(unavailable.code == "50001")
            let broken = try await client.get("/api/v5/account/config")
            #expect(broken.status == 500)
            #expect(broken.code == "50026")
        }
    }

    @Test func refuseOpenRejectsTheNextOpeningOrderWith51008Only() async throws {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            server.arm(SimFault(.refuseOpen, account: "main"))
            let refused = try await client.post(orderPath, openOrder("r1"))
            #expect(refused.first("sCode") == "51008")
            #expect(solSize(server) == 0)
            let accepted = try await client.post(orderPath, openOrder("r2"))
            #expect(accepted.first("sCode") == "0")
        }
    }

    @Test func refuseReduceRejectsTheNextMarginReductionWith59301() async throws {
        try await withExchange { server, client in
            server.arm(SimFault(.refuseReduce, account: "Wu666666"))
            let body = "{\"instId\":\"APT-USDT-SWAP\",\"posSide\":\"long\",\"type\":\"reduce\",\"amt\":\"1\"}"
            let refused = try await client.post("/api/v5/account/position/margin-balance", body, as: "Wu666666")
            #expect(refused.code == "59301")
            let accepted = try await client.post("/api/v5/account/position/margin-balance", body, as: "Wu666666")
            #expect(accepted.code == "0")
        }
    }

    @Test func aFaultTargetedAtOneAccountSparesTheOthers() async throws {
        try await withExchange { server, client in
            server.arm(SimFault(.unavailable, account: "Wu666666", count: 1))
            let main = try await client.get("/api/v5/account/balance")
            #expect(main.code == "0")
            let wu = try await client.get("/api/v5/account/balance", as: "Wu666666")
            #expect(wu.code == "50001")
        }
    }

    @Test func aFaultRateOfOneFailsEveryRequestInOneOfThreeWays() async throws {
        var options = testOptions()
        options.faultRate = 1
        try await withExchange(options: options) { _, client in
            var kinds = Set<String>()
            for _ in 0..<30 {
                let reply = try await client.raw("GET", "/api/v5/public/time")
                kinds.insert(reply.closedWithoutReply ? "drop" : "\(reply.status)/\(reply.code)")
            }
            #expect(kinds == ["drop", "500/50026", "503/50001"])
        }
    }

    @Test func positionsAreLimitedToTenPerTwoSecondsPerAccount() async throws {
        try await withExchange(options: testOptions(rateLimits: true)) { server, client in
            server.freezeTime()
            var codes: [String] = []
            for _ in 0..<11 { codes.append(try await client.get("/api/v5/account/positions").code) }
            #expect(codes.prefix(10).allSatisfy { $0 == "0" })
            #expect(codes.last == "50011")
            let limited = try await client.get("/api/v5/account/positions")
            #expect(limited.status == 429)
            let other = try await client.get("/api/v5/account/positions", as: "Wu666666")
            #expect(other.code == "0")
            server.advanceTime(milliseconds: 2_001)
            let afterTheWindow = try await client.get("/api/v5/account/positions")
            #expect(afterTheWindow.code == "0")
        }
    }

    @Test func ordersAreLimitedPerAccountAndInstrument() async throws {
        try await withExchange(BuiltInScenarios.empty, options: testOptions(rateLimits: true)) { server, client in
            server.freezeTime()
            var codes: [String] = []
            for index in 0..<61 {
                let reply = try await client.get("/api/v5/trade/order?instId=SOL-USDT-SWAP&clOrdId=x\(index)")
                codes.append(reply.code)
            }
            #expect(codes.prefix(60).allSatisfy { $0 == "51603" })
            #expect(codes.last == "50011")
            let otherInstrument = try await client.get("/api/v5/trade/order?instId=BTC-USDT-SWAP&clOrdId=x1")
            #expect(otherInstrument.code == "51603")
        }
    }

    @Test(arguments: [(SimFault.Kind.endpointTimeoutAfterApply, 400, "50004"), (.orderTimeoutAfterApply, 500, "51149")])
    func anOutcomeUnknownTimeoutIsAnsweredAfterTheOrderWasApplied(
        kind: SimFault.Kind, status: Int, code: String
    )
        async throws
    {
        try await withExchange(BuiltInScenarios.empty) { server, client in
            server.arm(SimFault(kind, account: "main", path: orderPath))
            let reply = try await client.post(orderPath, openOrder("unknown1"))
            #expect(reply.status == status)
            #expect(reply.code == code)
            #expect(solSize(server) == 1)
        }
    }

    @Test func faultsCanBeArmedThroughTheAdminAPI() async throws {
        try await withExchange(BuiltInScenarios.empty, options: testOptions(admin: true)) { server, client in
            let armed = try await client.raw(
                "POST", "/__sim/faults", body: "{\"kind\":\"unavailable\",\"path\":\"/api/v5/public/time\",\"count\":2}"
            )
            #expect(armed.code == "0")
            #expect(server.armedFaults.count == 1)
            let first = try await client.raw("GET", "/api/v5/public/time")
            #expect(first.code == "50001")
            let cleared = try await client.raw("DELETE", "/__sim/faults")
            #expect(cleared.code == "0")
            let after = try await client.raw("GET", "/api/v5/public/time")
            #expect(after.code == "0")
            let unknown = try await client.raw("POST", "/__sim/faults", body: "{\"kind\":\"meteor\"}")
            #expect(unknown.code == "51000")
        }
    }
}
