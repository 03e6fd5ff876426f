import Foundation
import OKX
import Synchronization
import TestSupport
import Testing

@Suite struct RequestTests {
    static let now = Int64(1_715_000_000_000)

    func timeReply(_ ms: Int64) -> HTTPResponse {
        .json(#"{"code":"0","msg":"","data":[{"ts":"\#(ms)"}]}"#)
    }

    @Test func privateRequestsAreSignedOverTheExactTargetAndBody() async throws {
        let (client, transport) = makeClient(clock: ServerClock(localNow: { Self.now })) { request in
            if path(of: request) == "/api/v5/public/time" { return self.timeReply(Self.now) }
            return .json(Fixtures.placeOrderOK)
        }
        _ = try await client.placeOrder(
            OrderRequest(instId: "CRO-USDT-SWAP", side: .buy, posSide: .long, size: 108, clientOrderId: "a1s1t1"))
        let request = try #require(transport.requests.last)
        let body = String(decoding: request.body, as: UTF8.self)
        let expectedBody = #"""
            {"instId":"CRO-USDT-SWAP","tdMode":"isolated","side":"buy","posSide":"long","ordType":"market",\#
            "sz":"108","clOrdId":"a1s1t1"}
            """#
        #expect(body == expectedBody)
        let timestamp = try #require(header(request, "OK-ACCESS-TIMESTAMP"))
        #expect(timestamp == "2024-05-06T12:53:20.000Z")
        #expect(header(request, "OK-ACCESS-KEY") == testCredentials.apiKey)
        #expect(header(request, "OK-ACCESS-PASSPHRASE") == "Passphrase-Zebra-42")
        #expect(header(request, "Content-Type") == "application/json")
        let expected = RequestSigner.signature(
            timestamp: timestamp, method: "POST", requestPath: "/api/v5/trade/order", body: body,
            secret: "TEST-SECRET-0123456789abcdef")
        #expect(header(request, "OK-ACCESS-SIGN") == expected)
        #expect(header(request, "x-simulated-trading") == nil)
    }

    @Test func getSignsTheQueryItSends() async throws {
        let (client, transport) = makeClient { request in
            if path(of: request) == "/api/v5/public/time" {
                return self.timeReply(Int64(Date().timeIntervalSince1970 * 1000))
            }
            return .json(Fixtures.positions)
        }
        _ = try await client.positions(instIds: ["BTC-USDT-SWAP", "CRO-USDT-SWAP"])
        let request = try #require(transport.requests.last)
        #expect(target(of: request) == "/api/v5/account/positions?instType=SWAP&instId=BTC-USDT-SWAP,CRO-USDT-SWAP")
        #expect(request.body.isEmpty)
        let expected = RequestSigner.signature(
            timestamp: try #require(header(request, "OK-ACCESS-TIMESTAMP")), method: "GET",
            requestPath: target(of: request), body: "", secret: "TEST-SECRET-0123456789abcdef")
        #expect(header(request, "OK-ACCESS-SIGN") == expected)
    }

    @Test func demoTradingSendsTheSimulatedHeader() async throws {
        let (client, transport) = makeClient(simulatedTrading: true) { _ in .json(Fixtures.instruments) }
        _ = try await client.swapInstruments()
        #expect(header(try #require(transport.requests.last), "x-simulated-trading") == "1")
    }

    @Test func publicEndpointsCarryNoKey() async throws {
        let (client, transport) = makeClient { _ in .json(Fixtures.instruments) }
        _ = try await client.swapInstruments()
        let request = try #require(transport.requests.last)
        #expect(header(request, "OK-ACCESS-KEY") == nil)
        #expect(header(request, "OK-ACCESS-SIGN") == nil)
    }

    @Test func clockSkewIsRecoveredWithOneResyncAndOneResend() async throws {
        // The server runs 60 s ahead. Our first sync learns an offset, then the server jumps a further 60 s
        // (as if our clock drifted): the next request is refused with 50102, the client resyncs and resends once.
        let serverOffset = Mutex(Int64(60_000))
        let local = Self.now
        let (client, transport) = makeClient(clock: ServerClock(localNow: { local })) { request in
            let serverNow = local + serverOffset.withLock { $0 }
            if path(of: request) == "/api/v5/public/time" { return self.timeReply(serverNow) }
            let sent = OKXTimestamp.epochMilliseconds(from: header(request, "OK-ACCESS-TIMESTAMP") ?? "") ?? 0
            if abs(sent - serverNow) > 30_000 {
                return .json(#"{"code":"50102","msg":"Timestamp request expired","data":[]}"#, status: 401)
            }
            return .json(Fixtures.balance)
        }
        _ = try await client.balance()
        serverOffset.withLock { $0 = 120_000 }
        let balance = try await client.balance()
        #expect(balance.usdt?.availBal == Decimal(string: "879.4"))
        let paths = transport.requests.map(path(of:))
        #expect(
            paths == [
                "/api/v5/public/time", "/api/v5/account/balance", "/api/v5/account/balance", "/api/v5/public/time",
                "/api/v5/account/balance",
            ])
    }

    @Test func aSecondStale50102IsReportedNotLoopedOn() async throws {
        let (client, transport) = makeClient { request in
            if path(of: request) == "/api/v5/public/time" {
                return self.timeReply(Int64(Date().timeIntervalSince1970 * 1000))
            }
            return .json(#"{"code":"50102","msg":"Timestamp request expired","data":[]}"#, status: 401)
        }
        let error = await #expect(throws: OKXError.self) { try await client.balance() }
        #expect(error?.baseCode == "50102")
        #expect(transport.requests.filter { path(of: $0) == "/api/v5/account/balance" }.count == 2)
    }

    @Test func readsAreRetriedButPostsNeverAre() async throws {
        let (client, transport) = makeClient { request in
            if path(of: request) == "/api/v5/public/time" {
                return self.timeReply(Int64(Date().timeIntervalSince1970 * 1000))
            }
            throw TransportError(.timedOut, "stalled")
        }
        let readError = await #expect(throws: OKXError.self) { try await client.positions() }
        #expect(readError?.classification == .retryableRead)
        #expect(transport.requests.filter { path(of: $0) == "/api/v5/account/positions" }.count == 3)

        let writeError = await #expect(throws: OKXError.self) {
            try await client.placeOrder(
                OrderRequest(instId: "APT-USDT-SWAP", side: .buy, posSide: .long, size: 1, clientOrderId: "once1"))
        }
        #expect(writeError?.classification == .unknownOutcome)
        #expect(transport.requests.filter { path(of: $0) == "/api/v5/trade/order" }.count == 1)
    }

    @Test func aRateLimitedReadBacksOffAndSucceeds() async throws {
        let calls = Mutex(0)
        let (client, _) = makeClient(retry: RetryPolicy(readAttempts: 3, rateLimitBackoff: .milliseconds(20))) {
            request in
            if path(of: request) == "/api/v5/public/time" {
                return self.timeReply(Int64(Date().timeIntervalSince1970 * 1000))
            }
            let n = calls.withLock { value in
                value += 1
                return value
            }
            if n == 1 { return .json(#"{"code":"50011","msg":"Too Many Requests","data":[]}"#, status: 429) }
            return .json(Fixtures.positions)
        }
        #expect(try await client.positions().count == 2)
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func invalidClientOrderIdsNeverLeave() async throws {
        let (client, transport) = makeClient { _ in .json(Fixtures.placeOrderOK) }
        await #expect(throws: OKXError.self) {
            try await client.placeOrder(
                OrderRequest(instId: "A-USDT-SWAP", side: .buy, posSide: .long, size: 1, clientOrderId: "has-dash"))
        }
        #expect(transport.requests.isEmpty)
        #expect(OrderRequest.isValidClientOrderId(String(repeating: "a", count: 32)))
        #expect(!OrderRequest.isValidClientOrderId(String(repeating: "a", count: 33)))
        #expect(!OrderRequest.isValidClientOrderId(""))
    }
}
