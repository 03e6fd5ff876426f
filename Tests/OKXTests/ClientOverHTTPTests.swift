import Foundation
import OKX
import Synchronization
import TestSupport
import Testing

/// The OKX client over the real libcurl transport against a loopback server that plays OKX.
@Suite(.serialized) struct ClientOverHTTPTests {
    let credentials = Credentials(apiKey: "k-over-http", secretKey: "secret-over-http", passphrase: "pp-over-http")

    func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    @Test func clockSkewSixtySecondsAheadIsRecoveredOnce() async throws {
        // The server is 60 s ahead, but its time endpoint is only asked after a 50102 (the client was told
        // the wrong offset by a first sync that the test makes stale).
        let skew = Mutex(Int64(0))
        let server = try LoopbackHTTPServer { [credentials] request in
            let serverNow = Int64(Date().timeIntervalSince1970 * 1000) + skew.withLock { $0 }
            if request.path == "/api/v5/public/time" {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(serverNow)"}]}"#)
            }
            let stamp = request.header("OK-ACCESS-TIMESTAMP").flatMap(OKXTimestamp.epochMilliseconds(from:)) ?? 0
            if abs(stamp - serverNow) > 30_000 {
                return .json(#"{"code":"50102","msg":"Timestamp request expired","data":[]}"#, status: 401)
            }
            let expected = RequestSigner.signature(
                timestamp: request.header("OK-ACCESS-TIMESTAMP") ?? "", method: request.method,
                requestPath: request.target,
                body: request.bodyText, secret: credentials.secretKey)
            guard request.header("OK-ACCESS-SIGN") == expected else {
                return .json(#"{"code":"50113","msg":"Invalid Sign","data":[]}"#, status: 401)
            }
            return .json(#"{"code":"0","msg":"","data":[{"details":[{"ccy":"USDT","availBal":"12.5"}]}]}"#)
        }
        defer { server.stop() }
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let client = OKXClient(baseURL: server.baseURL, credentials: credentials, transport: transport)
        #expect(try await client.balance().usdt?.availBal == dec("12.5"))
        skew.withLock { $0 = 60_000 }
        #expect(try await client.balance().usdt?.availBal == dec("12.5"))
        let paths = server.requests.map(\.path)
        #expect(
            paths == [
                "/api/v5/public/time", "/api/v5/account/balance", "/api/v5/account/balance", "/api/v5/public/time",
                "/api/v5/account/balance",
            ])
        #expect(server.connectionsAccepted == 1, "every call reuses the same connection")
    }

    @Test func httpFailuresBecomeClearErrors() async throws {
        let reply = Mutex(LoopbackReply.json("{}"))
        let server = try LoopbackHTTPServer { request in
            if request.path == "/api/v5/public/time" {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(Int64(Date().timeIntervalSince1970 * 1000))"}]}"#)
            }
            return reply.withLock { $0 }
        }
        defer { server.stop() }
        let transport = CurlTransport(options: TransportOptions(totalTimeout: .milliseconds(500)))
        defer { transport.shutdown() }
        let client = OKXClient(
            baseURL: server.baseURL, credentials: credentials, transport: transport,
            retry: RetryPolicy(readAttempts: 1))

        func failure(_ next: LoopbackReply) async -> OKXError? {
            reply.withLock { $0 = next }
            do {
                _ = try await client.positions()
                return nil
            } catch {
                return error
            }
        }

        let html = await failure(
            .text("<html><body>502 Bad Gateway</body></html>", status: 502, contentType: "text/html"))
        #expect(html?.httpStatus == 502)
        #expect(html?.malformedReply == true)
        #expect(html?.classification == .retryableRead)

        let tooMany = await failure(.json(#"{"code":"50011","msg":"Too Many Requests","data":[]}"#, status: 429))
        #expect(tooMany?.classification == .rateLimited)
        #expect(tooMany?.description == "50011 rate limit reached: slowing down")

        let malformed = await failure(.json(#"{"code":"0","data":[{"instId":"#))
        #expect(malformed?.malformedReply == true)

        let truncated = await failure(
            LoopbackReply(status: 200, body: Array(#"{"code":"0""#.utf8), behaviour: .truncate(declaredLength: 500)))
        #expect(truncated?.transport?.kind == .connectionDropped)

        let stalled = await failure(.stall)
        #expect(stalled?.transport?.kind == .timedOut)

        let serverError = await failure(
            .json(#"{"code":"50001","msg":"Service temporarily unavailable","data":[]}"#, status: 503))
        #expect(serverError?.classification == .retryableRead)
        #expect(serverError?.description.hasPrefix("50001") == true)
    }

    @Test func aPostIsSentOnceEvenWhenItsReplyIsLost() async throws {
        let server = try LoopbackHTTPServer { request in
            if request.path == "/api/v5/public/time" {
                return .json(#"{"code":"0","msg":"","data":[{"ts":"\#(Int64(Date().timeIntervalSince1970 * 1000))"}]}"#)
            }
            return LoopbackReply(behaviour: .drop)
        }
        defer { server.stop() }
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let client = OKXClient(baseURL: server.baseURL, credentials: credentials, transport: transport)
        let error = await #expect(throws: OKXError.self) {
            try await client.placeOrder(
                OrderRequest(instId: "APT-USDT-SWAP", side: .buy, posSide: .long, size: 1, clientOrderId: "lost1"))
        }
        #expect(error?.classification == .unknownOutcome)
        #expect(server.requests.filter { $0.path == "/api/v5/trade/order" }.count == 1)
    }
}
